package crawler_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newspipe/newspipe/crawler/internal/realportal"
)

// recordingTB is a testing.TB whose errors are recorded, not reported, so
// that a test can check that a checker fails.
type recordingTB struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recordingTB) Helper()             {}
func (r *recordingTB) Logf(string, ...any) {}
func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// hostLog is a request log of one host: n requests of /list/K.html
// started at the given offsets from t0, 5 ms each.
func hostLog(host int, t0 time.Time, offsets []time.Duration) []realportal.Request {
	rs := make([]realportal.Request, len(offsets))
	for i, d := range offsets {
		rs[i] = realportal.Request{Host: host, Method: "GET", Path: fmt.Sprintf("/list/%d.html", i), Status: 200,
			Start: t0.Add(d), End: t0.Add(d + 5*time.Millisecond)}
	}
	return rs
}

// checkRequestLog must still tell an impolite crawl from a polite one on
// a busy machine: a few late requests pass, workers that each keep their
// own delay fail.
func TestCheckRequestLogTellsImpoliteness(t *testing.T) {
	p := startScalePortal(t, realportal.Options{Hosts: 2, ArticlesPerHost: 2, PerPage: 2})
	const delay = 50 * time.Millisecond
	pol := politeness{hosts: 2, delay: delay, concurrency: 2, slack: scaleSlack}
	t0 := time.Now()
	polite := func(late int) []time.Duration { // 200 starts a delay apart, late of them 30 ms late
		var ds []time.Duration
		for i := range 200 {
			d := time.Duration(i) * delay
			if i%(200/max(late, 1)) == 7 && late > 0 {
				d += 30 * time.Millisecond
			}
			ds = append(ds, d)
		}
		return ds
	}
	threeWorkers := func() []time.Duration { // each keeps its own delay: starts a third of it apart
		var ds []time.Duration
		for i := range 200 {
			ds = append(ds, time.Duration(i)*delay/3)
		}
		return ds
	}
	quarterShort := func() []time.Duration { // every fourth start 15 ms early: short, not halved
		var ds []time.Duration
		for i := range 200 {
			d := time.Duration(i) * delay
			if i%4 == 3 {
				d -= 15 * time.Millisecond
			}
			ds = append(ds, d)
		}
		return ds
	}
	for _, tc := range []struct {
		name      string
		h0, h1    []time.Duration
		wantError string
	}{
		{"polite", polite(0), polite(0), ""},
		{"polite, two late requests a host on a busy machine", polite(2), polite(2), ""},
		{"one host's workers keep their own delay", polite(0), threeWorkers(), "shorter than half the delay"},
		{"a quarter of one host's gaps 15 ms short", polite(0), quarterShort(), "shorter than the delay less"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recordingTB{TB: t}
			log := append(hostLog(0, t0, tc.h0), hostLog(1, t0, tc.h1)...)
			checkRequestLog(rec, p, log, pol)
			got := strings.Join(rec.errors, "\n")
			switch {
			case tc.wantError == "" && got != "":
				t.Errorf("errors for a polite log:\n%s", got)
			case tc.wantError != "" && !strings.Contains(got, tc.wantError):
				t.Errorf("errors = %q, want one with %q", got, tc.wantError)
			}
		})
	}
}
