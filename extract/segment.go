package extract

// blocks is the fourth stage: the body element is cut into text blocks
// (blocks.go), and reading annotations are taken out of them before any
// block is read, since they break labels ("責(zé)任編輯").
func (r *pageRun) blocks() error {
	r.w = segmentCounted(r.doc.body, r.doc.blockElems, r.doc.breaks, pageHost(r.doc.base))
	if len(r.w.blocks) == 0 && r.title == "" {
		return ErrEmpty
	}
	if r.w.spam > 0 {
		r.art.Warnings = append(r.art.Warnings, "link_spam_removed")
	}
	r.removeReadings()
	return nil
}

// removeReadings strips pinyin readings from every block. Untoned readings
// go only on pages with at least three toned ones (aggressive), so that real
// parentheticals elsewhere survive.
func (r *pageRun) removeReadings() {
	toned := pinyinScan(r.doc.meta.titleTag)
	for i := range r.w.blocks {
		if toned >= 3 {
			break
		}
		toned += pinyinScan(r.w.blocks[i].text)
	}
	r.aggressive = toned >= 3
	if toned == 0 { // without a toned reading there is nothing to remove
		return
	}
	for i := range r.w.blocks {
		b := &r.w.blocks[i]
		if t, removed := removePinyin(b.text, r.aggressive); removed {
			b.text, r.pinyin = t, true
			b.runes, b.cjk = countRunes(t)
			b.linkRunes = min(b.linkRunes, b.runes)
		}
	}
}
