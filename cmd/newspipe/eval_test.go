package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalUserFolder(t *testing.T) {
	dir := t.TempDir()
	page := `<html><head><title>Ferry returns | The Daily Example</title></head><body>
<article><h1>Ferry returns</h1><p>The harbour ferry carried its first passengers of the season on Thursday morning after engineers replaced the propeller shaft that failed in a January storm.</p>
<p>About forty commuters waited on the pier before seven o'clock, glad to be spared the long detour by road.</p></article></body></html>`
	exp := `{"title": "Ferry returns", "body": "The harbour ferry carried its first passengers of the season on Thursday morning after engineers replaced the propeller shaft that failed in a January storm.\nAbout forty commuters waited on the pier before seven o'clock, glad to be spared the long detour by road.", "must_not_contain": ["Daily Example"]}`
	if err := os.WriteFile(filepath.Join(dir, "ferry.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ferry.expected.json"), []byte(exp), 0o644); err != nil {
		t.Fatal(err)
	}

	var out, errb bytes.Buffer
	if code := runEval(context.Background(), []string{"--no-corpus", dir, "--pages"}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errb.String())
	}
	name := filepath.Base(dir)
	// "ferry" hashes to half A, so half B is empty; title and body are the
	// two score.py checks, both met.
	for _, want := range []string{
		"| dataset | half | tool |",
		"| " + name + " | all | newspipe | 1 | 0 |",
		"| " + name + " | A | newspipe | 1 | 0 |",
		"| " + name + " | B | newspipe | 0 | 0 |",
		"| 1.000 (1) | 1.000 (2) | 0 |",
		"### " + name + " — newspipe",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if n := strings.Count(out.String(), "### "); n != 1 {
		t.Errorf("%d page lists, want 1 (the whole dataset's):\n%s", n, out.String())
	}

	out.Reset()
	if code := runEval(context.Background(), []string{"--json", "--no-corpus", dir}, &out, &errb); code != exitOK {
		t.Fatalf("--json exit %d, stderr %s", code, errb.String())
	}
	var res []struct {
		Dataset   string              `json:"dataset"`
		Half      string              `json:"half"`
		Pages     int                 `json:"pages"`
		Title     struct{ N int }     `json:"title"`
		Checks    struct{ N int }     `json:"checks"`
		ChecksMet struct{ OK, N int } `json:"checks_met"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("--json output: %v\n%s", err, out.String())
	}
	if len(res) != 3 || res[0].Half != "" || res[1].Half != "A" || res[2].Half != "B" {
		t.Fatalf("--json = %+v, want the whole dataset, half A, half B", res)
	}
	if r := res[0]; r.Pages != 1 || r.Title.N != 1 || r.Checks.N != 1 || r.ChecksMet.OK != 2 || r.ChecksMet.N != 2 {
		t.Errorf("--json whole = %+v, want one page, title and body check labelled, 2 of 2 checks met", r)
	}
	if res[1].Pages+res[2].Pages != 1 {
		t.Errorf("--json halves hold %d + %d pages, want 1 in all", res[1].Pages, res[2].Pages)
	}

	// --baseline: the same build against its own scores changes nothing;
	// against worse scores it lists the rise; against better ones it
	// reports the drop and exits 1.
	basePath := filepath.Join(t.TempDir(), "base.json")
	if err := os.WriteFile(basePath, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := runEval(context.Background(), []string{"--no-corpus", "--baseline", basePath, dir}, &out, &errb); code != exitOK {
		t.Fatalf("--baseline same scores: exit %d, stderr %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "0 changed scores; every score held or improved") {
		t.Errorf("--baseline same scores:\n%s", out.String())
	}
	better := strings.Replace(string(mustRead(t, basePath)), `"f1": 1`, `"f1": 1.5`, 1)
	if err := os.WriteFile(basePath, []byte(better), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := runEval(context.Background(), []string{"--no-corpus", "--baseline", basePath, dir}, &out, &errb); code != exitFailed {
		t.Errorf("--baseline with a drop: exit %d, want %d\n%s", code, exitFailed, out.String())
	}
	if !strings.Contains(out.String(), "**DOWN** "+name+" [all] body F1: 1.5000 → 1.0000") {
		t.Errorf("--baseline with a drop does not list it:\n%s", out.String())
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEvalUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"unknown flag", []string{"--bogus"}, exitUsage},
		{"nothing to score", []string{"--no-corpus"}, exitUsage},
		{"not a corpus", []string{"--no-corpus", "/nonexistent/folder"}, exitFailed},
		{"help", []string{"-h"}, exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := runEval(context.Background(), tt.args, &out, &errb); code != tt.code {
				t.Errorf("exit %d, want %d (stderr %s)", code, tt.code, errb.String())
			}
		})
	}
}
