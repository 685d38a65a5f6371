// Package redistest starts a real redis-server for tests, as net/http/httptest
// starts a real HTTP server: newspipe's Redis code is tested against Redis
// itself, never a mock.
//
// Start runs redis-server (Debian package redis-server, Redis 7) on a unix
// socket in the test's temporary directory, with append-only persistence so
// that a test can stop and restart it without losing the crawl's keys, and
// stops it when the test ends. Without redis-server on the PATH the test is
// skipped with one clear message, unless NEWSPIPE_REQUIRE_REDIS=1 (set by
// .ci/run), which makes it fail instead. NEWSPIPE_TEST_REDIS=redis://...
// points the tests at an existing server instead of starting one.
package redistest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Environment variables read by Start.
const (
	// EnvRequire, when "1", turns a missing redis-server into a failure.
	EnvRequire = "NEWSPIPE_REQUIRE_REDIS"
	// EnvServer names an existing server to use (redis:// or unix:// URL).
	EnvServer = "NEWSPIPE_TEST_REDIS"
)

// startTimeout bounds how long a starting server may take to answer PING.
const startTimeout = 10 * time.Second

// Server is a Redis server for one test.
type Server struct {
	// URL is the address to give the code under test: unix:///.../redis.sock
	// for a started server, or the EnvServer value.
	URL string

	network, addr string // for Ping
	dir           string // data and socket directory; "" for an external server
	cmd           *exec.Cmd
	log           *os.File
}

// Start returns a running server for t, stopped (and its data removed) when
// t ends. See the package documentation for when it skips.
func Start(t testing.TB) *Server {
	t.Helper()
	if u := os.Getenv(EnvServer); u != "" {
		s := &Server{URL: u}
		s.network, s.addr = dialTarget(u)
		if err := s.Ping(context.Background()); err != nil {
			t.Fatalf("redistest: %s=%s: %v", EnvServer, u, err)
		}
		return s
	}
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		msg := "redistest: redis-server not found on PATH (Debian: apt-get install redis-server); " +
			"set " + EnvServer + "=redis://HOST:PORT to use a running server"
		if os.Getenv(EnvRequire) == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	// Unix socket paths are limited to about 100 bytes: keep the directory short.
	dir, err := os.MkdirTemp("", "nprd")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{dir: dir, network: "unix", addr: filepath.Join(dir, "redis.sock")}
	s.URL = "unix://" + s.addr
	t.Cleanup(func() {
		s.Stop()
		os.RemoveAll(dir)
	})
	if err := s.start(bin); err != nil {
		t.Fatal(err)
	}
	return s
}

// start launches redis-server and waits until it answers.
func (s *Server) start(bin string) error {
	log, err := os.OpenFile(filepath.Join(s.dir, "redis.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	s.log = log
	s.cmd = exec.Command(bin,
		"--port", "0", "--unixsocket", s.addr, "--unixsocketperm", "700",
		"--dir", s.dir, "--save", "", "--appendonly", "yes", "--appendfsync", "always",
		"--maxmemory-policy", "noeviction", "--daemonize", "no")
	s.cmd.Stdout, s.cmd.Stderr = log, log
	if err := s.cmd.Start(); err != nil {
		return fmt.Errorf("redistest: start redis-server: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	for {
		if err := s.Ping(ctx); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			s.Stop()
			return fmt.Errorf("redistest: redis-server did not answer within %v (log: %s)", startTimeout, s.logTail())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Stop shuts the server down (SIGTERM, then SIGKILL after 5 s). Its data
// stays, so Restart brings the same keys back. Stopping an external server
// does nothing.
func (s *Server) Stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		s.cmd.Process.Kill()
		<-done
	}
	s.cmd = nil
	if s.log != nil {
		s.log.Close()
		s.log = nil
	}
}

// External reports whether the server is one given by EnvServer, which
// Stop and Restart leave alone.
func (s *Server) External() bool { return s.dir == "" }

// Restart starts a stopped server again on the same socket and data.
func (s *Server) Restart() error {
	if s.dir == "" {
		return errors.New("redistest: cannot restart an external server")
	}
	s.Stop()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return err
	}
	return s.start(bin)
}

// Ping sends PING and waits for PONG.
func (s *Server) Ping(ctx context.Context) error {
	var d net.Dialer
	c, err := d.DialContext(ctx, s.network, s.addr)
	if err != nil {
		return err
	}
	defer c.Close()
	if dl, ok := ctx.Deadline(); ok {
		c.SetDeadline(dl)
	} else {
		c.SetDeadline(time.Now().Add(2 * time.Second))
	}
	if _, err := c.Write([]byte("PING\r\n")); err != nil {
		return err
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return err
	}
	if strings.TrimSpace(line) != "+PONG" {
		return fmt.Errorf("redistest: PING answered %q", strings.TrimSpace(line))
	}
	return nil
}

// logTail returns the end of the server's log, for error messages.
func (s *Server) logTail() string {
	b, _ := os.ReadFile(filepath.Join(s.dir, "redis.log"))
	if len(b) > 600 {
		b = b[len(b)-600:]
	}
	return strings.TrimSpace(string(b))
}

// dialTarget returns the network and address of a redis:// or unix:// URL.
func dialTarget(raw string) (network, addr string) {
	u, err := url.Parse(raw)
	if err != nil {
		return "tcp", raw
	}
	if u.Scheme == "unix" {
		return "unix", u.Path
	}
	host := u.Host
	if u.Port() == "" {
		host = net.JoinHostPort(u.Hostname(), "6379")
	}
	return "tcp", host
}
