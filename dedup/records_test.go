package dedup

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func recordLine(t *testing.T, url, fetched, body string) string {
	t.Helper()
	var f any
	if fetched != "" {
		f = fetched
	}
	b, err := json.Marshal(map[string]any{"url": url, "body": body, "fetched_at": f})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRecords(t *testing.T) {
	reprint := "首页 > 新闻\n" + sampleZH + "\n（责任编辑：李华）"
	other := "本报讯 昨天下午，市气象台发布寒潮蓝色预警信号，预计未来三天我市将出现明显降温，" +
		"最低气温可降至零下五摄氏度，请市民注意防寒保暖，出行注意交通安全。"
	dir := t.TempDir()
	f1 := filepath.Join(dir, "1.jsonl")
	f2 := filepath.Join(dir, "2.jsonl")
	// Key order and unknown keys must survive; a record's own older
	// duplicate_of is replaced in place.
	ordered := `{"url":"http://c/1","title":"标题","body":` + mustJSON(t, reprint) + `,"duplicate_of":"stale","fetched_at":"2026-12-02T10:00:00Z","x_extra":[1, 2]}`
	lines1 := []string{
		ordered, // fetched last but read first: a duplicate of http://a/1
		recordLine(t, "http://b/1", "", sampleZH), // no fetched_at: after all that have one
		"{not json",
		recordLine(t, "http://a/1", "2026-12-01T08:00:00+08:00", sampleZH), // earliest
		"",
		recordLine(t, "http://d/1", "2026-12-02T09:00:00Z", other),
	}
	lines2 := []string{
		`{"title":"no url"}`,
		recordLine(t, "http://a/1", "2026-12-03T00:00:00Z", sampleZH+"\n更正：原文数字有误。"), // re-fetch of a/1
		recordLine(t, "http://e/1", "2026-12-02T11:00:00Z", ""),                      // no body
		`{"url":"http://f/1","fetched_at":"yesterday"}`,
	}
	write := func(name string, lines []string) {
		if err := os.WriteFile(name, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(f1, lines1)
	write(f2, lines2)
	var out bytes.Buffer
	var bad []string
	st, err := Records(context.Background(), []string{f1, f2}, &out, RecordOptions{
		BadLine: func(e *LineError) { bad = append(bad, e.Error()) }})
	if !errors.Is(err, ErrBadLines) {
		t.Errorf("err = %v, want ErrBadLines", err)
	}
	wantBad := []string{f1 + ":3:", f2 + ":1:", f2 + ":4:"}
	if len(bad) != len(wantBad) {
		t.Fatalf("bad lines %q, want %q", bad, wantBad)
	}
	for i, w := range wantBad {
		if !strings.HasPrefix(bad[i], w) {
			t.Errorf("bad line %q, want prefix %q", bad[i], w)
		}
	}
	got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	wantDup := []string{`"http://a/1"`, `"http://a/1"`, "null", "null", "null", "null"}
	if len(got) != len(wantDup) {
		t.Fatalf("%d lines out, want %d:\n%s", len(got), len(wantDup), out.String())
	}
	for i, line := range got {
		if !strings.HasSuffix(line, `"duplicate_of":`+wantDup[i]+"}") && !strings.Contains(line, `"duplicate_of":`+wantDup[i]+",") {
			t.Errorf("line %d: %s\nwant duplicate_of %s", i+1, line, wantDup[i])
		}
	}
	wantFirst := strings.Replace(ordered, `"duplicate_of":"stale"`, `"duplicate_of":"http://a/1"`, 1)
	if got[0] != wantFirst {
		t.Errorf("first line\n got %s\nwant %s", got[0], wantFirst)
	}
	want := RecordStats{Records: 6, Duplicates: 2, Short: 1, BadLines: 3}
	if st != want {
		t.Errorf("stats %+v, want %+v", st, want)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRecordsMissingFile(t *testing.T) {
	_, err := Records(context.Background(), []string{filepath.Join(t.TempDir(), "none.jsonl")}, &bytes.Buffer{}, RecordOptions{})
	if err == nil || !strings.Contains(err.Error(), "none.jsonl") {
		t.Errorf("err = %v, want one naming the file", err)
	}
}

// TestRecordsTemplate: three different short stories printed by one site
// in the same heavy footer are not one story; the footer alone would make
// them look alike.
func TestRecordsTemplate(t *testing.T) {
	footer := "\n" + zhSites[0].footer + "\n" + zhSites[0].note
	bodies := []string{
		"市气象台昨日发布寒潮蓝色预警，预计未来三天明显降温。",
		"本市地铁五号线今天起延长运营时间至晚上十一点半。",
		"第三届城市读书节周末开幕，市民可免费领取图书。",
	}
	var g Grouper
	for i, b := range bodies {
		if d := g.Add(fmt.Sprint(i), b+footer); i > 0 && d == "" {
			t.Logf("story %d kept apart even without templates", i)
		}
	}
	if g.Stories() == len(bodies) {
		t.Fatal("the footer does not dominate these bodies: the test shows nothing")
	}
	var lines []string
	for i, b := range bodies {
		lines = append(lines, recordLine(t, fmt.Sprintf("http://x.example/%d", i), "", b+footer))
	}
	name := filepath.Join(t.TempDir(), "x.jsonl")
	if err := os.WriteFile(name, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	st, err := Records(context.Background(), []string{name}, &out, RecordOptions{})
	if err != nil || st.Duplicates != 0 || st.Records != 3 {
		t.Errorf("Records = %+v, %v; want 3 records, no duplicates:\n%s", st, err, out.String())
	}
}
