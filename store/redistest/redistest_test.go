package redistest_test

import (
	"context"
	"testing"

	"github.com/newspipe/newspipe/store/redistest"
)

// TestStartStopRestart: a started server answers, stops answering when
// stopped, and answers again after a restart on the same socket.
func TestStartStopRestart(t *testing.T) {
	s := redistest.Start(t)
	ctx := context.Background()
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("ping after start: %v", err)
	}
	if s.URL == "" {
		t.Fatal("empty URL")
	}
	s.Stop()
	if err := s.Ping(ctx); err == nil {
		t.Fatal("ping answered after Stop")
	}
	if err := s.Restart(); err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("ping after restart: %v", err)
	}
}
