package store

// keyTable finds the recent stories by band key: open addressing with
// linear probing over (key, story) slots, one slot per key a story is
// filed under. A map of key to a slice of stories allocated a slice per
// key, 16 per story filed: a tenth of the cost of filing one.
//
// Slots are never deleted (the table is built again when stories leave
// it), so a key's slots follow its home slot in the order they were put.
type keyTable struct {
	slots []keySlot
	used  int
}

// keySlot is a key and the story filed under it: its index in
// recentStories.list plus one, 0 for an empty slot.
type keySlot struct {
	key   uint64
	story int32
}

// put files the story of index i under key k.
func (t *keyTable) put(k uint64, i int) {
	if (t.used+1)*4 > len(t.slots)*3 {
		t.grow()
	}
	t.place(keySlot{k, int32(i + 1)})
	t.used++
}

func (t *keyTable) place(s keySlot) {
	mask := len(t.slots) - 1
	for j := int(keyHash(s.key)) & mask; ; j = (j + 1) & mask {
		if t.slots[j].story == 0 {
			t.slots[j] = s
			return
		}
	}
}

// grow doubles the table. It walks the old slots from just after an empty
// one: a key's slots lie in one run of full slots, which may wrap past the
// end, and are put again in the order they were put first.
func (t *keyTable) grow() {
	old := t.slots
	t.slots = make([]keySlot, max(64, 2*len(old)))
	start := 0
	for i, s := range old {
		if s.story == 0 {
			start = i + 1
			break
		}
	}
	for i := range old {
		if s := old[(start+i)%len(old)]; s.story != 0 {
			t.place(s)
		}
	}
}

// under calls fn with the index of each story filed under key k, in the
// order they were put, at most storiesPerKey.
func (t *keyTable) under(k uint64, fn func(i int)) {
	if len(t.slots) == 0 {
		return
	}
	mask, n := len(t.slots)-1, 0
	for j := int(keyHash(k)) & mask; t.slots[j].story != 0 && n < storiesPerKey; j = (j + 1) & mask {
		if t.slots[j].key == k {
			fn(int(t.slots[j].story) - 1)
			n++
		}
	}
}
