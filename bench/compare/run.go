package compare

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/newspipe/newspipe/extract/evaluate"
)

// Config says what to compare on which pages.
type Config struct {
	Corpus  string   // folder of dev datasets; "" for none
	Dirs    []string // extra labelled folders (user pages or single datasets)
	Sample  int      // at most this many pages per corpus dataset (0: all); Dirs load whole
	Tools   []Tool   // nil: Tools()
	Speed   bool     // also time every tool on one core (GOMAXPROCS=1)
	Command string   // how to remake the report, printed in its header
	// Repeat is the most timed passes per tool and core count (0: 3); the
	// best one is kept, and repeats stop once a tool has used repeatBudget.
	Repeat int
	// Progress, when set, receives a line as each tool finishes a pass.
	Progress io.Writer
}

// repeatBudget bounds the time spent repeating one tool's timed passes.
const repeatBudget = 20 * time.Second

func (c Config) repeats() int {
	if c.Repeat <= 0 {
		return 3
	}
	return c.Repeat
}

// Speed is one tool's timing over all pages of the run, decoding included.
type Speed struct {
	Tool       string
	Pages      int
	Bytes      int64
	Multi      time.Duration // all pages with Cores workers, GOMAXPROCS=Cores
	Single     time.Duration // all pages with one worker, GOMAXPROCS=1; 0 when not run
	Allocs     uint64        // heap allocations over one pass (the single-core one when run)
	AllocBytes uint64        // bytes allocated over that pass
	Failed     int
}

// DatasetInfo describes a dataset of the run.
type DatasetInfo struct {
	Name  string
	Pages int
	Bytes int64
	Note  string
}

// Report is the outcome of a comparison run.
type Report struct {
	Made     time.Time
	Load     [2]string // 1-minute load average at the start and end of the run
	CPU      string
	Cores    int
	Go       string
	Command  string
	Versions map[string]string // module path -> version
	Tools    []Tool
	Datasets []DatasetInfo
	Results  []evaluate.Result // by dataset, then half (whole, A, B), then tool in Tools order
	Speeds   []Speed
}

// Run loads the pages, runs every tool over them (all cores, then one core
// when cfg.Speed is set) and scores the outputs.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	tools := cfg.Tools
	if tools == nil {
		tools = Tools()
	}
	datasets, err := loadAll(ctx, cfg)
	if err != nil {
		return nil, err
	}
	var pages []*evaluate.Page
	var total int64
	for _, ds := range datasets {
		for i := range ds.Pages {
			pages = append(pages, &ds.Pages[i])
		}
		total += ds.Bytes()
	}
	cores := runtime.NumCPU()
	rep := &Report{
		Made: time.Now(), CPU: cpuModel(), Cores: cores, Go: runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH,
		Command: cfg.Command, Versions: moduleVersions(tools), Tools: tools,
	}
	rep.Load[0] = loadAverage()
	for _, ds := range datasets {
		rep.Datasets = append(rep.Datasets, DatasetInfo{Name: ds.Name, Pages: len(ds.Pages), Bytes: ds.Bytes(), Note: ds.Note})
	}
	byTool := make([][]evaluate.Result, len(tools))
	prev := runtime.GOMAXPROCS(cores)
	defer runtime.GOMAXPROCS(prev)
	for ti, tool := range tools {
		warmUp(tool, pages)
		sp := Speed{Tool: tool.Name, Pages: len(pages), Bytes: total}
		outs, errs, dur, allocs, allocBytes, err := timedPass(ctx, pages, tool.Run, cores)
		if err != nil {
			return nil, err
		}
		sp.Multi, sp.Allocs, sp.AllocBytes = dur, allocs, allocBytes
		for _, e := range errs {
			if e != nil {
				sp.Failed++
			}
		}
		if tool.Scores != FieldsNone {
			off := 0
			for _, ds := range datasets {
				n := len(ds.Pages)
				// Whole dataset and its two fixed halves: a lead that holds on
				// only one half is not a lead.
				for _, r := range evaluate.ScoreHalves(ds, tool.Name, outs[off:off+n], errs[off:off+n]) {
					r.PerPage = nil
					byTool[ti] = append(byTool[ti], mask(r, tool.Scores))
				}
				off += n
			}
		}
		// Other processes on the machine make single timings noisy: keep
		// the best of a few passes while they stay cheap.
		for extra := 1; extra < cfg.repeats() && sp.Multi*time.Duration(extra) < repeatBudget; extra++ {
			_, _, dur, _, _, err := timedPass(ctx, pages, tool.Run, cores)
			if err != nil {
				return nil, err
			}
			sp.Multi = min(sp.Multi, dur)
		}
		logf(cfg.Progress, "%-26s %d pages, %d cores: %s", tool.Name, len(pages), cores, sp.Multi.Round(time.Millisecond))
		rep.Speeds = append(rep.Speeds, sp)
	}
	if cfg.Speed {
		if err := timeOneCore(ctx, cfg, tools, pages, rep.Speeds); err != nil {
			return nil, err
		}
	}
	rep.Load[1] = loadAverage()
	// By dataset, then half (whole, A, B), then tool.
	for k := range 3 * len(datasets) {
		for ti := range tools {
			if byTool[ti] != nil {
				rep.Results = append(rep.Results, byTool[ti][k])
			}
		}
	}
	return rep, nil
}

// timeOneCore times every tool on one core, in rounds of one pass per tool
// (best pass kept), so that the machine's speed drifting during the run
// weighs on every tool alike: measured one tool after another, a tool timed
// in a slow minute looked 30% slower than the bare parse it is compared
// with. A tool is passed over in later rounds once its passes have used
// repeatBudget.
func timeOneCore(ctx context.Context, cfg Config, tools []Tool, pages []*evaluate.Page, speeds []Speed) error {
	cores := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(cores)
	for round := 0; round < cfg.repeats(); round++ {
		for ti, tool := range tools {
			sp := &speeds[ti]
			if round > 0 && sp.Single*time.Duration(round) >= repeatBudget {
				continue
			}
			_, _, dur, allocs, allocBytes, err := timedPass(ctx, pages, tool.Run, 1)
			if err != nil {
				return err
			}
			if round == 0 || dur < sp.Single {
				sp.Single = dur
			}
			sp.Allocs, sp.AllocBytes = allocs, allocBytes
		}
	}
	for _, sp := range speeds {
		logf(cfg.Progress, "%-26s %d pages, 1 core: %s", sp.Tool, sp.Pages, sp.Single.Round(time.Millisecond))
	}
	return nil
}

func loadAll(ctx context.Context, cfg Config) ([]*evaluate.Dataset, error) {
	opts := &evaluate.LoadOptions{Sample: cfg.Sample}
	var out []*evaluate.Dataset
	if cfg.Corpus != "" {
		ds, err := evaluate.LoadCorpus(ctx, cfg.Corpus, opts)
		if err != nil {
			return nil, err
		}
		out = append(out, ds...)
	}
	for _, d := range cfg.Dirs {
		ds, err := evaluate.LoadDataset(ctx, d, nil)
		if err != nil {
			return nil, err
		}
		out = append(out, ds)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no pages: give a corpus or a labelled folder")
	}
	return out, nil
}

// warmUp runs the tool once so that lazy initialisation (compiled
// patterns, tables) is not charged to the timed passes.
func warmUp(tool Tool, pages []*evaluate.Page) {
	if len(pages) > 0 {
		p := *pages[0]
		_, _, _ = evaluate.Run(context.Background(), &evaluate.Dataset{Pages: []evaluate.Page{p}}, tool.Run, 1)
	}
}

// timedPass runs fn over pages with the given number of workers and
// returns the outputs, the wall time and the heap allocations made.
func timedPass(ctx context.Context, pages []*evaluate.Page, fn evaluate.Extractor, workers int) (
	outs []evaluate.Output, errs []error, dur time.Duration, allocs, allocBytes uint64, err error) {
	ds := &evaluate.Dataset{Pages: make([]evaluate.Page, len(pages))}
	for i, p := range pages {
		ds.Pages[i] = *p
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	outs, errs, err = evaluate.Run(ctx, ds, fn, workers)
	dur = time.Since(start)
	runtime.ReadMemStats(&after)
	return outs, errs, dur, after.Mallocs - before.Mallocs, after.TotalAlloc - before.TotalAlloc, err
}

// mask hides the fields a tool does not attempt, so they print as "–".
func mask(r evaluate.Result, f Fields) evaluate.Result {
	if f&FieldBody == 0 {
		r.Body.N, r.FFFD = 0, 0
	}
	if f&FieldTitle == 0 {
		r.Title = evaluate.Count{}
	}
	if f&FieldDate == 0 {
		r.DateDay, r.DateTime = evaluate.Count{}, evaluate.Count{}
	}
	if f&FieldAuthors == 0 {
		r.Authors = evaluate.Count{}
	}
	if f&FieldSourceEditor == 0 {
		r.Source, r.Editor = evaluate.Count{}, evaluate.Count{}
	}
	if f&FieldBody == 0 {
		r.Checks = evaluate.Count{}
	}
	// score.py's checks met span every field: a share for a tool that
	// attempts only some of them would count the rest as misses.
	if all := FieldBody | FieldTitle | FieldDate | FieldAuthors | FieldSourceEditor; f&all != all {
		r.ChecksMet = evaluate.Count{}
	}
	return r
}

func logf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format+"\n", args...)
	}
}

// cpuModel returns the processor's model name from /proc/cpuinfo.
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

// moduleVersions reads the tools' module versions from the build info.
func moduleVersions(tools []Tool) map[string]string {
	out := map[string]string{}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return out
	}
	want := map[string]bool{}
	for _, t := range tools {
		want[t.Module] = true
	}
	for _, d := range bi.Deps {
		if want[d.Path] {
			v := d.Version
			if d.Replace != nil {
				v = "local " + d.Replace.Path
			}
			out[d.Path] = v
		}
	}
	return out
}

// loadAverage returns the 1-minute load average, or "?".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	if f := strings.Fields(string(b)); len(f) > 0 {
		return f[0]
	}
	return "?"
}
