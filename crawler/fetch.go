package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"strings"
	"time"
)

// FetchConfig bounds a single HTTP fetch.
type FetchConfig struct {
	UserAgent    string        // default DefaultUserAgent
	Timeout      time.Duration // whole request, default 30s
	MaxBody      int64         // bytes; larger bodies fail with ErrTooLarge, default 20 MiB
	MaxRedirects int           // default 5
}

func (c FetchConfig) withDefaults() FetchConfig {
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	if c.MaxBody <= 0 {
		c.MaxBody = 20 << 20
	}
	if c.MaxRedirects <= 0 {
		c.MaxRedirects = 5
	}
	return c
}

// Errors reported by Fetch.
var (
	ErrTooLarge = errors.New("response body exceeds the size limit")
	ErrNotHTML  = errors.New("response is not HTML")
)

// StatusError is returned by Fetch for responses other than 2xx.
type StatusError struct {
	Code int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("HTTP %d %s", e.Code, http.StatusText(e.Code))
}

// FetchedPage is a fetched HTML response.
type FetchedPage struct {
	URL       string // final URL after redirects
	Header    http.Header
	Body      []byte // raw, undecoded bytes
	FetchedAt time.Time
}

// NewHTTPClient returns a client with newspipe's timeouts and redirect limit.
// Go's transport negotiates gzip itself and decompresses transparently.
func NewHTTPClient(cfg FetchConfig) *http.Client {
	cfg = cfg.withDefaults()
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: cfg.Timeout,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       60 * time.Second,
	}
	return &http.Client{
		Transport: transport,
		Timeout:   cfg.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= cfg.MaxRedirects {
				return fmt.Errorf("stopped after %d redirects", cfg.MaxRedirects)
			}
			return nil
		},
	}
}

// Fetch GETs rawURL and returns its body if it is HTML. Non-HTML responses
// are abandoned after the headers, without reading the body.
func Fetch(ctx context.Context, client *http.Client, rawURL string, cfg FetchConfig) (*FetchedPage, error) {
	cfg = cfg.withDefaults()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", cfg.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &StatusError{Code: resp.StatusCode}
	}
	if !isHTMLType(resp.Header.Get("Content-Type")) {
		return nil, fmt.Errorf("%w: Content-Type %q", ErrNotHTML, resp.Header.Get("Content-Type"))
	}
	if resp.ContentLength > cfg.MaxBody {
		return nil, fmt.Errorf("%w (%d > %d bytes)", ErrTooLarge, resp.ContentLength, cfg.MaxBody)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, cfg.MaxBody+1))
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if int64(len(body)) > cfg.MaxBody {
		return nil, fmt.Errorf("%w (more than %d bytes)", ErrTooLarge, cfg.MaxBody)
	}
	return &FetchedPage{URL: resp.Request.URL.String(), Header: resp.Header, Body: body, FetchedAt: time.Now().UTC()}, nil
}

// isHTMLType accepts HTML, XHTML and untyped responses.
func isHTMLType(ct string) bool {
	if ct == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml" || mt == "text/plain" || mt == "application/octet-stream"
}
