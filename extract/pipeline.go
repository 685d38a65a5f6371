package extract

import "net/http"

// extract is filled in by the pipeline; kept separate so the API file stays small.
func extract(raw []byte, pageURL string, header http.Header, opts *Options) (*Article, error) {
	if len(raw) == 0 {
		return nil, ErrEmpty
	}
	return &Article{URL: pageURL}, nil
}
