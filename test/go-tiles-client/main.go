// Command go-tiles-client follows an Urna transparency log over HTTP through its C2SP
// tlog-tiles API, using only Go's golang.org/x/mod/sumdb/tlog and note packages: a second,
// independent implementation of everything docs/spec/log.md §3–§5 asks of a verifier.
//
// It verifies the signed checkpoint with the log's verifier key, authenticates every tile it
// reads against the checkpoint's root (tlog.TileHashReader), hashes every leaf itself from the
// raw bytes in the entry bundles (tlog.RecordHash = SHA-256(0x00 || bytes)) and compares each
// with the authenticated level-0 tile, rebuilds the whole tree from those bytes alone
// (tlog.StoredHashes) and checks its root, checks sampled inclusion and consistency proofs both
// from tiles and as the log's JSON API serves them, walks the checkpoint history, and checks
// that bad tile requests get 4xx. It prints one JSON line of numbers and exits 0, or prints
// what failed and exits 1.
//
// Built offline in GOPATH mode from Debian's golang-golang-x-mod-dev (/usr/share/gocode):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o go-tiles-client ./test/go-tiles-client
//	go-tiles-client -log http://127.0.0.1:3000/log -vkey 'name+1234abcd+AQ…' [-full] [-samples 50]
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// tileHeight is C2SP tlog-tiles' fixed height: 256 hashes per full tile.
const tileHeight = 8

type client struct {
	base     string
	http     *http.Client
	mu       sync.Mutex
	verified map[tlog.Tile][]byte // tiles already authenticated by a TileHashReader
	fetched  int64                // tile requests made
	bytesIn  int64
}

// tilePath writes a tile's C2SP path: tile/<L>/<N>[.p/<W>], L = "entries" for data tiles.
// (Go's Tile.Path has the sumdb layout tile/<H>/<L>/…, with "data" for entries.)
func tilePath(t tlog.Tile) string {
	n := t.N
	digits := fmt.Sprintf("%03d", n%1000)
	for n >= 1000 {
		n /= 1000
		digits = fmt.Sprintf("x%03d/%s", n%1000, digits)
	}
	level := strconv.Itoa(t.L)
	if t.L == -1 {
		level = "entries"
	}
	partial := ""
	if t.W != 1<<tileHeight {
		partial = fmt.Sprintf(".p/%d", t.W)
	}
	return fmt.Sprintf("tile/%s/%s%s", level, digits, partial)
}

func (c *client) get(path string) ([]byte, int, http.Header, error) {
	resp, err := c.http.Get(c.base + "/" + path)
	if err != nil {
		return nil, 0, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, 0, nil, err
	}
	c.mu.Lock()
	c.fetched++
	c.bytesIn += int64(len(body))
	c.mu.Unlock()
	return body, resp.StatusCode, resp.Header, nil
}

func (c *client) getOK(path string) ([]byte, http.Header, error) {
	body, status, header, err := c.get(path)
	if err != nil {
		return nil, nil, err
	}
	if status != http.StatusOK {
		return nil, nil, fmt.Errorf("GET %s: status %d: %s", path, status, truncate(body))
	}
	return body, header, nil
}

// Height, ReadTiles and SaveTiles make the client a tlog.TileReader.
func (c *client) Height() int { return tileHeight }

func (c *client) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		c.mu.Lock()
		data, ok := c.verified[t]
		c.mu.Unlock()
		if ok {
			out[i] = data
			continue
		}
		body, header, err := c.getOK(tilePath(t))
		if err != nil {
			return nil, err
		}
		if cc := header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
			return nil, fmt.Errorf("%s: Cache-Control %q is not immutable", tilePath(t), cc)
		}
		out[i] = body
	}
	return out, nil
}

func (c *client) SaveTiles(tiles []tlog.Tile, data [][]byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, t := range tiles {
		c.verified[t] = data[i]
	}
}

// bundle fetches entry bundle k of a tree of n leaves and splits it into raw entries.
func (c *client) bundle(k, n int64) ([][]byte, error) {
	width := n - k<<tileHeight
	if width > 1<<tileHeight {
		width = 1 << tileHeight
	}
	path := tilePath(tlog.Tile{H: tileHeight, L: -1, N: k, W: int(width)})
	body, _, err := c.getOK(path)
	if err != nil {
		return nil, err
	}
	var entries [][]byte
	for at := 0; at < len(body); {
		if at+2 > len(body) {
			return nil, fmt.Errorf("%s: truncated length prefix", path)
		}
		length := int(body[at])<<8 | int(body[at+1])
		if at+2+length > len(body) {
			return nil, fmt.Errorf("%s: truncated entry %d", path, len(entries))
		}
		entries = append(entries, body[at+2:at+2+length])
		at += 2 + length
	}
	if int64(len(entries)) != width {
		return nil, fmt.Errorf("%s: %d entries, want %d", path, len(entries), width)
	}
	return entries, nil
}

type checkpoint struct {
	origin string
	size   int64
	root   tlog.Hash
	text   string
}

func openCheckpoint(msg []byte, verifier note.Verifier) (checkpoint, error) {
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		return checkpoint{}, err
	}
	lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
	if len(lines) < 3 {
		return checkpoint{}, fmt.Errorf("checkpoint has %d lines", len(lines))
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		return checkpoint{}, fmt.Errorf("bad tree size %q", lines[1])
	}
	raw, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(raw) != tlog.HashSize {
		return checkpoint{}, fmt.Errorf("bad root hash %q", lines[2])
	}
	var root tlog.Hash
	copy(root[:], raw)
	if lines[0] != verifier.Name() {
		return checkpoint{}, fmt.Errorf("origin %q is not the key name %q", lines[0], verifier.Name())
	}
	return checkpoint{origin: lines[0], size: size, root: root, text: n.Text}, nil
}

// memoryHashes is a tlog.HashReader over stored hashes kept in order of their storage index.
type memoryHashes []tlog.Hash

func (m memoryHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(m)) {
			return nil, fmt.Errorf("stored hash %d not computed", x)
		}
		out[i] = m[x]
	}
	return out, nil
}

type summary struct {
	Origin              string  `json:"origin"`
	Leaves              int64   `json:"leaves"`
	Full                bool    `json:"full"`
	Bundles             int64   `json:"bundles"`
	EntryBytes          int64   `json:"entry_bytes"`
	Requests            int64   `json:"requests"`
	BytesDownloaded     int64   `json:"bytes_downloaded"`
	InclusionChecked    int     `json:"inclusion_checked"`
	ConsistencyChecked  int     `json:"consistency_checked"`
	CheckpointsVerified int     `json:"checkpoints_verified"`
	BadRequestsChecked  int     `json:"bad_requests_checked"`
	Seconds             float64 `json:"seconds"`
	DownloadVerifySecs  float64 `json:"download_and_verify_seconds"`
}

func main() {
	base := flag.String("log", "", "base URL of the log API, e.g. http://127.0.0.1:3000/log")
	vkey := flag.String("vkey", "", "the log's verifier key (C2SP signed-note vkey)")
	full := flag.Bool("full", true, "download every entry bundle and rebuild the tree from the raw bytes")
	samples := flag.Int("samples", 40, "inclusion and consistency proofs to check")
	parallel := flag.Int("parallel", 4, "entry bundles fetched at once")
	history := flag.Bool("history", true, "walk /checkpoints and check every checkpoint")
	flag.Parse()
	if *base == "" || *vkey == "" {
		fmt.Fprintln(os.Stderr, "usage: go-tiles-client -log <base URL> -vkey <vkey> [-full] [-samples N]")
		os.Exit(2)
	}
	s, err := run(strings.TrimSuffix(*base, "/"), *vkey, *full, *samples, *parallel, *history)
	if err != nil {
		fmt.Fprintln(os.Stderr, "FAIL:", err)
		os.Exit(1)
	}
	out, _ := json.Marshal(s)
	fmt.Println(string(out))
	fmt.Println("OK")
}

func run(base, vkey string, full bool, samples, parallel int, walkHistory bool) (*summary, error) {
	started := time.Now()
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		return nil, fmt.Errorf("verifier key: %w", err)
	}
	c := &client{base: base, http: &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}, verified: map[tlog.Tile][]byte{}}

	msg, header, err := c.getOK("checkpoint")
	if err != nil {
		return nil, err
	}
	if ct := header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		return nil, fmt.Errorf("checkpoint Content-Type %q", ct)
	}
	cp, err := openCheckpoint(msg, verifier)
	if err != nil {
		return nil, fmt.Errorf("checkpoint: %w", err)
	}
	n := cp.size
	if n == 0 {
		return nil, errors.New("the log is empty: nothing to follow")
	}
	s := &summary{Origin: cp.origin, Leaves: n, Full: full}
	tree := tlog.Tree{N: n, Hash: cp.root}
	thr := tlog.TileHashReader(tree, c)

	// 1. Every leaf, from its raw bytes: against the authenticated level-0 tiles, and a whole
	// tree rebuilt from the bytes alone whose root must be the signed one.
	var stored memoryHashes
	if full {
		t0 := time.Now()
		bundles := (n + 1<<tileHeight - 1) >> tileHeight
		s.Bundles = bundles
		// Fetch in parallel, hash in order: a queue of pending results bounds what is held.
		type fetched struct {
			entries [][]byte
			err     error
		}
		pending := make(chan chan fetched, 4*parallel)
		slots := make(chan struct{}, parallel)
		go func() {
			for k := int64(0); k < bundles; k++ {
				result := make(chan fetched, 1)
				pending <- result
				slots <- struct{}{}
				go func(k int64) {
					entries, err := c.bundle(k, n)
					<-slots
					result <- fetched{entries, err}
				}(k)
			}
			close(pending)
		}()
		stored = make(memoryHashes, 0, tlog.StoredHashCount(n))
		k := int64(-1)
		for result := range pending {
			k++
			r := <-result
			if r.err != nil {
				return nil, r.err
			}
			entries := r.entries
			first := k << tileHeight
			indexes := make([]int64, len(entries))
			for i := range entries {
				indexes[i] = tlog.StoredHashIndex(0, first+int64(i))
			}
			fromTiles, err := thr.ReadHashes(indexes)
			if err != nil {
				return nil, fmt.Errorf("level-0 tile for bundle %d: %w", k, err)
			}
			for i, entry := range entries {
				h := tlog.RecordHash(entry)
				if h != fromTiles[i] {
					return nil, fmt.Errorf("leaf %d: SHA-256(0x00 || entry) = %s, the signed tree has %s", first+int64(i), h, fromTiles[i])
				}
				more, err := tlog.StoredHashes(first+int64(i), entry, stored)
				if err != nil {
					return nil, err
				}
				stored = append(stored, more...)
				s.EntryBytes += int64(len(entry))
			}
		}
		root, err := tlog.TreeHash(n, stored)
		if err != nil {
			return nil, err
		}
		if root != cp.root {
			return nil, fmt.Errorf("root rebuilt from the entries is %s, the checkpoint signs %s", root, cp.root)
		}
		s.DownloadVerifySecs = time.Since(t0).Seconds()
	}

	// 2. Proofs: computed from authenticated tiles, checked, and compared byte for byte with
	// what the JSON API serves.
	rng := rand.New(rand.NewSource(int64(n)))
	for i := 0; i < samples; i++ {
		index := rng.Int63n(n)
		if i == 0 {
			index = n - 1
		}
		proof, err := tlog.ProveRecord(n, index, thr)
		if err != nil {
			return nil, fmt.Errorf("prove record %d: %w", index, err)
		}
		leaf, err := thr.ReadHashes([]int64{tlog.StoredHashIndex(0, index)})
		if err != nil {
			return nil, err
		}
		if err := tlog.CheckRecord(proof, n, cp.root, index, leaf[0]); err != nil {
			return nil, fmt.Errorf("inclusion of %d: %w", index, err)
		}
		var api struct {
			LeafIndex int64    `json:"leafIndex"`
			TreeSize  int64    `json:"treeSize"`
			LeafHash  string   `json:"leafHash"`
			Proof     []string `json:"proof"`
		}
		if err := c.getJSON(fmt.Sprintf("proof/inclusion?index=%d&size=%d", index, n), &api); err != nil {
			return nil, err
		}
		if api.LeafHash != base64.StdEncoding.EncodeToString(leaf[0][:]) || !sameProof(api.Proof, proof) {
			return nil, fmt.Errorf("the JSON inclusion proof of %d differs from the one computed from tiles", index)
		}
		s.InclusionChecked++

		old := 1 + rng.Int63n(n)
		oldRoot, err := tlog.TreeHash(old, thr)
		if err != nil {
			return nil, err
		}
		tp, err := tlog.ProveTree(n, old, thr)
		if err != nil {
			return nil, fmt.Errorf("prove tree %d→%d: %w", old, n, err)
		}
		if err := tlog.CheckTree(tp, n, cp.root, old, oldRoot); err != nil {
			return nil, fmt.Errorf("consistency %d→%d: %w", old, n, err)
		}
		var capi struct {
			FromRoot string   `json:"fromRoot"`
			Proof    []string `json:"proof"`
		}
		if err := c.getJSON(fmt.Sprintf("proof/consistency?from=%d&to=%d", old, n), &capi); err != nil {
			return nil, err
		}
		if capi.FromRoot != base64.StdEncoding.EncodeToString(oldRoot[:]) || (old < n && !sameProof(capi.Proof, tp)) {
			return nil, fmt.Errorf("the JSON consistency proof %d→%d differs from the one computed from tiles", old, n)
		}
		s.ConsistencyChecked++
	}

	// 3. The checkpoint history: every note verifies, numbered 0, 1, 2, … from the empty tree,
	// sizes ascending, each root the tree's at its size, each consistent with the latest.
	if walkHistory {
		var prev *checkpoint
		for start := 0; ; {
			var page struct {
				Count       int `json:"count"`
				End         int `json:"end"`
				Checkpoints []struct {
					Sequence int    `json:"sequence"`
					Size     int64  `json:"size"`
					SignedAt string `json:"signedAt"`
					Note     string `json:"note"`
				} `json:"checkpoints"`
			}
			if err := c.getJSON(fmt.Sprintf("checkpoints?start=%d", start), &page); err != nil {
				return nil, err
			}
			for _, h := range page.Checkpoints {
				hc, err := openCheckpoint([]byte(h.Note), verifier)
				if err != nil {
					return nil, fmt.Errorf("checkpoint %d: %w", h.Sequence, err)
				}
				if h.Sequence != s.CheckpointsVerified || hc.size != h.Size || !strings.Contains(hc.text, fmt.Sprintf("\nurna-sequence %d\n", h.Sequence)) {
					return nil, fmt.Errorf("checkpoint %d is out of order or mislabelled", s.CheckpointsVerified)
				}
				if _, err := time.Parse(time.RFC3339Nano, h.SignedAt); err != nil {
					return nil, fmt.Errorf("checkpoint %d: signedAt %q", h.Sequence, h.SignedAt)
				}
				if prev == nil && (hc.size != 0 || hc.root != sha256.Sum256(nil)) {
					return nil, errors.New("the history does not start with the empty tree (root SHA-256 of nothing)")
				}
				if prev != nil && hc.size <= prev.size {
					return nil, fmt.Errorf("checkpoint %d: size %d does not grow", h.Sequence, hc.size)
				}
				if hc.size > 0 && hc.size <= n {
					want, err := tlog.TreeHash(hc.size, thr)
					if err != nil {
						return nil, err
					}
					if want != hc.root {
						return nil, fmt.Errorf("checkpoint %d signs a root the tree does not have at size %d", h.Sequence, hc.size)
					}
				}
				hcCopy := hc
				prev = &hcCopy
				s.CheckpointsVerified++
			}
			if page.End >= page.Count || len(page.Checkpoints) == 0 {
				break
			}
			start = page.End
		}
	}

	// 4. Bad requests are refused with 4xx: beyond the tree, malformed.
	width := int(n % (1 << tileHeight))
	last := tlog.Tile{H: tileHeight, L: 0, N: n >> tileHeight, W: width + 1}
	for path, want := range map[string]int{
		tilePath(last): 404,
		tilePath(tlog.Tile{H: tileHeight, L: -1, N: last.N, W: width + 1}): 404,
		"tile/0/x000/000":                      400,
		"tile/0/1":                             400,
		"tile/8/0/000":                         400, // Go sumdb's own layout is not C2SP's
		"tile/data/000":                        400,
		"tile/0/000.p/256":                     400,
		fmt.Sprintf("checkpoint?size=%d", n+1): 404,
	} {
		_, status, _, err := c.get(path)
		if err != nil {
			return nil, err
		}
		if status != want {
			return nil, fmt.Errorf("GET %s: status %d, want %d", path, status, want)
		}
		s.BadRequestsChecked++
	}

	c.mu.Lock()
	s.Requests, s.BytesDownloaded = c.fetched, c.bytesIn
	c.mu.Unlock()
	s.Seconds = time.Since(started).Seconds()
	return s, nil
}

func (c *client) getJSON(path string, v interface{}) error {
	body, _, err := c.getOK(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(body, v)
}

func sameProof(api []string, proof []tlog.Hash) bool {
	if len(api) != len(proof) {
		return false
	}
	for i, h := range proof {
		raw, err := base64.StdEncoding.DecodeString(api[i])
		if err != nil || !bytes.Equal(raw, h[:]) {
			return false
		}
	}
	return true
}

func truncate(b []byte) string {
	if len(b) > 200 {
		b = b[:200]
	}
	return string(b)
}
