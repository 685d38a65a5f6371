package evaluate

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Precision is how much of a date a label states.
type Precision int

// Label precisions, coarse to fine.
const (
	PrecNone Precision = iota
	PrecYear
	PrecMonth
	PrecDay
	PrecMinute
	PrecSecond
)

// DateLabel is a publication date as a dataset prints it: fields down to
// Prec are set; Zoned says whether an offset was given.
type DateLabel struct {
	Year, Month, Day, Hour, Minute, Second int
	Prec                                   Precision
	Zoned                                  bool
	Offset                                 int // seconds east of UTC, when Zoned
}

// dateLabelRE accepts "2005", "2005-5", "2005-5-7", "2005-05-07 21:23",
// "2005-5-7 5:54:13", "2021-01-21T13:15:00+08:00", "…Z" and fractions.
var dateLabelRE = regexp.MustCompile(`^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?)?)?$`)

// ParseDateLabel parses a dataset's date label. It reports false for
// missing or unparsable labels ("UNKNOWN", "", a person's name).
func ParseDateLabel(s string) (DateLabel, bool) {
	m := dateLabelRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return DateLabel{}, false
	}
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	d := DateLabel{Year: atoi(m[1]), Prec: PrecYear}
	if m[2] != "" {
		d.Month, d.Prec = atoi(m[2]), PrecMonth
	}
	if m[3] != "" {
		d.Day, d.Prec = atoi(m[3]), PrecDay
	}
	if m[4] != "" {
		d.Hour, d.Minute, d.Prec = atoi(m[4]), atoi(m[5]), PrecMinute
	}
	if m[6] != "" {
		d.Second, d.Prec = atoi(m[6]), PrecSecond
	}
	if z := m[7]; z != "" {
		d.Zoned = true
		if z != "Z" {
			z = strings.ReplaceAll(z, ":", "")
			off := atoi(z[1:3])*3600 + atoi(z[3:5])*60
			if z[0] == '-' {
				off = -off
			}
			d.Offset = off
		}
	}
	if d.Month > 12 || d.Day > 31 || d.Hour > 23 || d.Minute > 59 || d.Second > 60 {
		return DateLabel{}, false
	}
	// Midnight without an offset is how several fixtures write a bare date.
	if !d.Zoned && d.Prec >= PrecMinute && d.Hour == 0 && d.Minute == 0 && d.Second == 0 {
		d.Prec = PrecDay
	}
	return d, true
}

// HasTime reports whether the label states a time of day.
func (d DateLabel) HasTime() bool { return d.Prec >= PrecMinute }

// String formats the label back, for reports.
func (d DateLabel) String() string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(d.Year))
	pad := func(sep string, n int) { b.WriteString(sep); b.WriteString(twoDigits(n)) }
	if d.Prec >= PrecMonth {
		pad("-", d.Month)
	}
	if d.Prec >= PrecDay {
		pad("-", d.Day)
	}
	if d.Prec >= PrecMinute {
		pad("T", d.Hour)
		pad(":", d.Minute)
	}
	if d.Prec >= PrecSecond {
		pad(":", d.Second)
	}
	if d.Zoned && d.Prec >= PrecMinute {
		b.WriteString(time.Date(2000, 1, 1, 0, 0, 0, 0, time.FixedZone("", d.Offset)).Format("Z07:00"))
	}
	return b.String()
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// wall returns got as a label would print it: in the label's offset when
// the label has one, else in got's own zone.
func (d DateLabel) wall(got time.Time) time.Time {
	if d.Zoned {
		return got.In(time.FixedZone("", d.Offset))
	}
	return got
}

// MatchDay reports whether got falls on the label's day (or its month or
// year, for coarser labels).
func (d DateLabel) MatchDay(got time.Time) bool {
	if got.IsZero() || d.Prec == PrecNone {
		return false
	}
	w := d.wall(got)
	if w.Year() != d.Year {
		return false
	}
	if d.Prec >= PrecMonth && int(w.Month()) != d.Month {
		return false
	}
	return d.Prec < PrecDay || w.Day() == d.Day
}

// MatchTime reports whether got states the label's time of day: the same
// instant and offset when the label gives an offset (as score.py checks),
// else the same wall-clock time to the label's precision. Labels without a
// time never match.
func (d DateLabel) MatchTime(got time.Time) bool {
	if !d.HasTime() || !d.MatchDay(got) {
		return false
	}
	if d.Zoned {
		_, off := got.Zone()
		if off != d.Offset {
			return false
		}
	}
	w := d.wall(got)
	if w.Hour() != d.Hour || w.Minute() != d.Minute {
		return false
	}
	return d.Prec < PrecSecond || w.Second() == d.Second
}
