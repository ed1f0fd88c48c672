// Command tlogcheck checks a Truce log with Go's golang.org/x/mod/sumdb/note and
// golang.org/x/mod/sumdb/tlog, an implementation Truce does not share any code with.
// GoInteropTest builds and runs it against a running Truce server.
//
// Usage:
//
//	tlogcheck -key FILE -checkpoint FILE [-requests FILE|-]
//
//	-key         the log's verifier key, as C2SP signed-note writes it: <name>+<hex key ID>+<base64 key>
//	-checkpoint  a C2SP tlog-checkpoint in a C2SP signed note, as served at /log/checkpoint
//	-requests    proofs to check against that checkpoint, as JSON ("-" reads standard input):
//
//	{"inclusion":   [{"index": 3, "entry": "<base64 entry>", "leaf_hash": "<base64, optional>",
//	                  "proof": ["<base64 hash>", ...]}],
//	 "consistency": [{"checkpoint": "<an older signed checkpoint>", "proof": ["<base64 hash>", ...]}]}
//
// Every note is verified with the key. An inclusion proof is checked with tlog.CheckRecord for the
// leaf hash tlog.RecordHash(entry), a consistency proof with tlog.CheckTree from the older
// checkpoint's tree to this one's. On success it prints a JSON summary and exits 0; otherwise it
// prints the reason on standard error and exits 1 (something did not verify) or 2 (bad usage).
package main

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type requests struct {
	Inclusion []struct {
		Index    int64    `json:"index"`
		Entry    string   `json:"entry"`
		LeafHash string   `json:"leaf_hash"`
		Proof    []string `json:"proof"`
	} `json:"inclusion"`
	Consistency []struct {
		Checkpoint string   `json:"checkpoint"`
		Proof      []string `json:"proof"`
	} `json:"consistency"`
}

type result struct {
	OK          bool   `json:"ok"`
	KeyName     string `json:"key_name"`
	Origin      string `json:"origin"`
	Size        int64  `json:"size"`
	Root        string `json:"root"`
	Extensions  int    `json:"extensions"`
	Inclusion   int    `json:"inclusion_verified"`
	Consistency int    `json:"consistency_verified"`
}

// usageError marks bad usage or unreadable input (exit 2), as opposed to a failed check (exit 1).
type usageError struct{ error }

func main() {
	keyFile := flag.String("key", "", "file with the log's verifier key")
	checkpointFile := flag.String("checkpoint", "", "file with the signed checkpoint")
	requestsFile := flag.String("requests", "", "JSON file with proofs to check, or - for standard input")
	flag.Parse()
	res, err := run(*keyFile, *checkpointFile, *requestsFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tlogcheck: "+err.Error())
		if errors.As(err, new(usageError)) {
			os.Exit(2)
		}
		os.Exit(1)
	}
	out, _ := json.Marshal(res)
	fmt.Println(string(out))
}

func run(keyFile, checkpointFile, requestsFile string) (*result, error) {
	if keyFile == "" || checkpointFile == "" || flag.NArg() > 0 {
		return nil, usageError{errors.New("usage: tlogcheck -key FILE -checkpoint FILE [-requests FILE|-]")}
	}
	vkey, err := read(keyFile)
	if err != nil {
		return nil, err
	}
	verifier, err := note.NewVerifier(strings.TrimSpace(string(vkey)))
	if err != nil {
		return nil, fmt.Errorf("verifier key: %v", err)
	}
	verifiers := note.VerifierList(verifier)
	msg, err := read(checkpointFile)
	if err != nil {
		return nil, err
	}
	origin, tree, extensions, err := openCheckpoint(msg, verifiers)
	if err != nil {
		return nil, fmt.Errorf("checkpoint: %v", err)
	}
	res := &result{OK: true, KeyName: verifier.Name(), Origin: origin, Size: tree.N,
		Root: base64.StdEncoding.EncodeToString(tree.Hash[:]), Extensions: extensions}
	if requestsFile == "" {
		return res, nil
	}

	raw, err := read(requestsFile)
	if err != nil {
		return nil, err
	}
	var req requests
	if err := json.Unmarshal(raw, &req); err != nil {
		return nil, usageError{fmt.Errorf("requests: %v", err)}
	}
	for _, in := range req.Inclusion {
		entry, err := base64.StdEncoding.DecodeString(in.Entry)
		if err != nil {
			return nil, usageError{fmt.Errorf("inclusion of entry %d: entry is not base64: %v", in.Index, err)}
		}
		leaf := tlog.RecordHash(entry) // SHA-256(0x00 || entry), RFC 6962
		if in.LeafHash != "" {
			given, err := hash(in.LeafHash)
			if err != nil {
				return nil, fmt.Errorf("inclusion of entry %d: leaf_hash: %v", in.Index, err)
			}
			if given != leaf {
				return nil, fmt.Errorf("inclusion of entry %d: leaf_hash %s is not RecordHash(entry) %s", in.Index, given, leaf)
			}
		}
		proof, err := hashes(in.Proof)
		if err != nil {
			return nil, fmt.Errorf("inclusion of entry %d: %v", in.Index, err)
		}
		if err := tlog.CheckRecord(tlog.RecordProof(proof), tree.N, tree.Hash, in.Index, leaf); err != nil {
			return nil, fmt.Errorf("inclusion of entry %d in tree %d: %v", in.Index, tree.N, err)
		}
		res.Inclusion++
	}
	for _, c := range req.Consistency {
		_, old, _, err := openCheckpoint([]byte(c.Checkpoint), verifiers)
		if err != nil {
			return nil, fmt.Errorf("consistency: older checkpoint: %v", err)
		}
		proof, err := hashes(c.Proof)
		if err != nil {
			return nil, fmt.Errorf("consistency of tree %d with tree %d: %v", old.N, tree.N, err)
		}
		if err := tlog.CheckTree(tlog.TreeProof(proof), tree.N, tree.Hash, old.N, old.Hash); err != nil {
			return nil, fmt.Errorf("consistency of tree %d with tree %d: %v", old.N, tree.N, err)
		}
		res.Consistency++
	}
	return res, nil
}

// openCheckpoint verifies the signed note msg and parses its text as a C2SP tlog-checkpoint:
// origin, decimal size and base64 root, each on its own line, then optional extension lines.
// (tlog.ParseTree reads only the checksum database's "go.sum database tree" checkpoints.)
func openCheckpoint(msg []byte, verifiers note.Verifiers) (string, tlog.Tree, int, error) {
	n, err := note.Open(msg, verifiers)
	if err != nil {
		return "", tlog.Tree{}, 0, err // e.g. "invalid signature for key ..." or "note has no verifiable signatures"
	}
	lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n") // note.Open guarantees a final newline
	if len(lines) < 3 {
		return "", tlog.Tree{}, 0, fmt.Errorf("want at least 3 lines, got %d", len(lines))
	}
	for i, line := range lines {
		if line == "" {
			return "", tlog.Tree{}, 0, fmt.Errorf("line %d is empty", i+1)
		}
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		return "", tlog.Tree{}, 0, fmt.Errorf("tree size %q is not a decimal without leading zeros", lines[1])
	}
	root, err := hash(lines[2])
	if err != nil {
		return "", tlog.Tree{}, 0, fmt.Errorf("root hash: %v", err)
	}
	if size == 0 && root != tlog.Hash(sha256.Sum256(nil)) {
		return "", tlog.Tree{}, 0, fmt.Errorf("the empty tree's root must be SHA-256 of nothing, got %s", root)
	}
	return lines[0], tlog.Tree{N: size, Hash: root}, len(lines) - 3, nil
}

// hash decodes a 32-byte hash in canonical standard base64 (tlog.ParseHash is the same decoding).
func hash(s string) (tlog.Hash, error) {
	h, err := tlog.ParseHash(s)
	if err != nil || base64.StdEncoding.EncodeToString(h[:]) != s {
		return tlog.Hash{}, fmt.Errorf("%q is not a base64 32-byte hash", s)
	}
	return h, nil
}

func hashes(list []string) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(list))
	for i, s := range list {
		h, err := hash(s)
		if err != nil {
			return nil, fmt.Errorf("proof hash %d: %v", i, err)
		}
		out[i] = h
	}
	return out, nil
}

func read(name string) ([]byte, error) {
	var b []byte
	var err error
	if name == "-" {
		b, err = io.ReadAll(os.Stdin)
	} else {
		b, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, usageError{err}
	}
	return b, nil
}
