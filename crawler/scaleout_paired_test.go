package crawler_test

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/newspipe/newspipe/crawler/internal/realportal"
)

// scaleRounds is NEWSPIPE_SCALE_ROUNDS: with 2 or more, BenchmarkScaleOut
// runs that many rounds of the bbolt crawl, one Redis worker and two, and
// reports the median and lowest per-round ratios (see pairedScaleRounds).
func scaleRounds() int {
	if v, err := strconv.Atoi(os.Getenv("NEWSPIPE_SCALE_ROUNDS")); err == nil && v > 0 {
		return v
	}
	return 1
}

// pairedScaleRounds measures issue #8's two ratios, one Redis worker over
// the bbolt crawl and two workers over one, from crawls run back to back
// within a round, rotating their order from round to round: measured once,
// the three crawls follow each other over a minute and a half in which the
// machine's speed drifts by more than the targets' margins (one worker at
// 0.65 of bbolt in one run, 1.02 in the next).
//
//	NEWSPIPE_SCALE_ROUNDS=5 go test -run '^$' -bench ScaleOut -benchtime 1x ./crawler
func pairedScaleRounds(b *testing.B, bin string, p *realportal.Portal, redisURL string, rdb *redis.Client, rounds int) {
	var oneOverBolt, twoOverOne []float64
	tag := strconv.FormatInt(time.Now().UnixNano(), 36) // crawl ids new to Redis
	for r := range rounds {
		var bolt, one, two float64
		crawls := []func(){
			func() {
				bolt = runScaleBench(b, bin, p, "", nil, fmt.Sprintf("paired-%s-%d-bbolt", tag, r), 0).pagesPerSec
			},
			func() {
				one = runScaleBench(b, bin, p, redisURL, rdb, fmt.Sprintf("paired-%s-%d-1", tag, r), 1).pagesPerSec
			},
			func() {
				two = runScaleBench(b, bin, p, redisURL, rdb, fmt.Sprintf("paired-%s-%d-2", tag, r), 2).pagesPerSec
			},
		}
		for i := range crawls {
			crawls[(i+r)%len(crawls)]()
		}
		oneOverBolt = append(oneOverBolt, one/bolt)
		twoOverOne = append(twoOverOne, two/one)
		b.Logf("round %d: bbolt %.0f pages/s, 1 worker %.0f, 2 workers %.0f: 1 worker / bbolt %.2f, 2 workers / 1 %.2f×",
			r+1, bolt, one, two, one/bolt, two/one)
	}
	b.ReportMetric(medianOf(oneOverBolt), "redis1/bbolt-median")
	b.ReportMetric(slices.Min(oneOverBolt), "redis1/bbolt-lowest")
	b.ReportMetric(medianOf(twoOverOne), "redis2/redis1-median")
	b.ReportMetric(slices.Min(twoOverOne), "redis2/redis1-lowest")
}

func medianOf(v []float64) float64 {
	s := slices.Sorted(slices.Values(v))
	return s[len(s)/2]
}
