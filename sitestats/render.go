package sitestats

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/newspipe/newspipe/internal/countfmt"
)

// histDays is how many days the terminal histogram shows, ending at the
// site's newest published day.
const histDays = 14

// bars are the block characters of the histogram, from low to full.
const bars = " ▁▂▃▄▅▆▇█"

// WriteText prints sites for people: one block per site with field
// coverage, median body length, duplicates, warnings, and a day-by-day
// histogram of published_at.
func WriteText(w io.Writer, sites []*Site) {
	for _, s := range sites {
		fmt.Fprintf(w, "%s  %d records\n", s.Host, s.Records)
		var parts []string
		for _, f := range Fields {
			parts = append(parts, fmt.Sprintf("%s %3.0f%%", f, 100*s.Share[f]))
		}
		fmt.Fprintf(w, "  fields: %s\n", strings.Join(parts, "  "))
		fmt.Fprintf(w, "  median body %d chars; duplicates %.0f%%; warnings: %s\n", s.MedianBody, 100*s.Duplicates, countfmt.Format(s.Warnings))
		writeHistogram(w, s)
	}
}

// writeHistogram draws the site's last histDays days of published_at, one
// row per day: the date, a bar scaled to the busiest day, the count.
func writeHistogram(w io.Writer, s *Site) {
	if s.lastDay.IsZero() {
		fmt.Fprintf(w, "  published: no dates\n")
		return
	}
	most := 0
	for i := 0; i < histDays; i++ {
		most = max(most, s.Days[s.lastDay.AddDate(0, 0, -i).Format(time.DateOnly)])
	}
	older := 0
	first := s.lastDay.AddDate(0, 0, -(histDays - 1)).Format(time.DateOnly)
	for d, n := range s.Days {
		if d < first {
			older += n
		}
	}
	fmt.Fprintf(w, "  published per day (last %d days; %d records older):\n", histDays, older)
	const width = 30
	blocks := []rune(bars)
	for i := histDays - 1; i >= 0; i-- {
		day := s.lastDay.AddDate(0, 0, -i).Format(time.DateOnly)
		n := s.Days[day]
		full := n * width / max(most, 1)
		bar := strings.Repeat(string(blocks[len(blocks)-1]), full)
		if rest := n*width*8/max(most, 1) - full*8; rest > 0 {
			bar += string(blocks[rest])
		}
		fmt.Fprintf(w, "    %s %-*s %d\n", day, width+1, bar, n)
	}
}
