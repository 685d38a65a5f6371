package crawler

import (
	"github.com/newspipe/newspipe/store/redisstore"
)

// The shared backend implements both interfaces.
var (
	_ Frontier    = (*redisstore.Worker)(nil)
	_ Coordinator = (*redisstore.Worker)(nil)
)
