package dedup

import (
	"encoding/binary"
	"errors"
)

// BandKeys returns the keys sig is filed under for a lookup in a store of
// its own (the crawl's state): one per band, as Index uses them, with the
// band number in the high bits so that keys of different bands never meet.
func BandKeys(sig *Signature) []uint64 {
	keys := make([]uint64, Bands)
	for b := range keys {
		keys[b] = uint64(b)<<32 | uint64(bandKey(sig, b))
	}
	return keys
}

// Bytes encodes sig for storage (SigLen×2 bytes, big-endian).
func (sig *Signature) Bytes() []byte {
	b := make([]byte, 2*SigLen)
	for i, v := range sig {
		binary.BigEndian.PutUint16(b[2*i:], v)
	}
	return b
}

var errBadSignature = errors.New("stored signature has the wrong length")

// ParseSignature decodes Bytes.
func ParseSignature(b []byte) (Signature, error) {
	var sig Signature
	if len(b) != 2*SigLen {
		return sig, errBadSignature
	}
	for i := range sig {
		sig[i] = binary.BigEndian.Uint16(b[2*i:])
	}
	return sig, nil
}
