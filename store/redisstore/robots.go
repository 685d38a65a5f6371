package redisstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"
)

// Robots is a host's robots.txt as fetched once for the whole crawl: the
// HTTP status and the body, as robotstxt.FromStatusAndBytes takes them. A
// missing robots.txt ("none") is its 4xx status with an empty body.
type Robots struct {
	Status int
	Body   []byte
}

// SetRobots stores r as host's robots.txt for the crawl unless a worker
// stored one first (SET NX semantics: the first writer wins). It returns
// the robots.txt every worker is to use, and whether it is r.
func (s *Store) SetRobots(ctx context.Context, host string, r Robots) (Robots, bool, error) {
	if err := checkHost(host); err != nil {
		return Robots{}, false, fmt.Errorf("set robots: %w", err)
	}
	hk := s.hostKeys(host)
	v, err := setRobotsScript.Run(ctx, s.rdb, []string{hk.robots}, encodeRobots(r)).Slice()
	if err != nil {
		return Robots{}, false, fmt.Errorf("redis %s: set robots %s: %w", s.addr, hk.robots, err)
	}
	if len(v) != 2 {
		return Robots{}, false, fmt.Errorf("redis %s: set robots %s: script returned %v", s.addr, hk.robots, v)
	}
	stored, _ := v[0].(int64)
	str, _ := v[1].(string)
	got, err := decodeRobots(str)
	if err != nil {
		return Robots{}, false, fmt.Errorf("robots of %s in %s: %w", host, hk.robots, err)
	}
	return got, stored == 1, nil
}

// GetRobots returns host's robots.txt stored for the crawl, and false when
// none is stored yet.
func (s *Store) GetRobots(ctx context.Context, host string) (Robots, bool, error) {
	if err := checkHost(host); err != nil {
		return Robots{}, false, fmt.Errorf("get robots: %w", err)
	}
	hk := s.hostKeys(host)
	str, err := s.rdb.Get(ctx, hk.robots).Result()
	if errors.Is(err, redis.Nil) {
		return Robots{}, false, nil
	}
	if err != nil {
		return Robots{}, false, fmt.Errorf("redis %s: get robots %s: %w", s.addr, hk.robots, err)
	}
	r, err := decodeRobots(str)
	if err != nil {
		return Robots{}, false, fmt.Errorf("robots of %s in %s: %w", host, hk.robots, err)
	}
	return r, true, nil
}

// Robots are stored as the decimal status, a newline and the body.
func encodeRobots(r Robots) string {
	return strconv.Itoa(r.Status) + "\n" + string(r.Body)
}

func decodeRobots(v string) (Robots, error) {
	st, body, ok := strings.Cut(v, "\n")
	n, err := strconv.Atoi(st)
	if !ok || err != nil {
		return Robots{}, fmt.Errorf("malformed robots value %.40q", v)
	}
	r := Robots{Status: n}
	if body != "" {
		r.Body = []byte(body)
	}
	return r, nil
}
