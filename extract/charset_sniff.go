package extract

import (
	"bytes"
	"encoding/binary"
	"unicode/utf8"
)

// sniffer judges charsets against one page's bytes. Each statistic is
// computed lazily and at most once, so a page declared UTF-8 that is valid
// UTF-8 costs one validation pass and nothing else.
type sniffer struct {
	raw []byte

	valid     bool // raw is valid UTF-8
	validDone bool
	u8        utf8Stats
	u8Done    bool

	meta     string // charset label declared in the markup
	metaDone bool

	sample  []byte // text outside tags that holds non-ASCII bytes
	high    int    // non-ASCII bytes in sample
	buf     []byte // decoding scratch space for the sample
	sampled bool

	scores [numCandidates]float64
	scored [numCandidates]bool
}

// Sniffing candidates, in order of preference on a tie.
const (
	candGB = iota
	candBig5
	cand1252
	numCandidates
)

var candidates = [numCandidates]charsetInfo{gbkCharset, big5Charset, cp1252Charset}

// consistent reports whether the page bytes agree with a declared charset.
func (s *sniffer) consistent(cs charsetInfo) bool {
	switch cs.fam {
	case famUTF8:
		return s.validUTF8() || s.utf8().mostlyUTF8()
	case famUTF16:
		return looksUTF16(s.raw)
	case famGB, famBig5:
		if s.utf8Evidence(cs) {
			return false
		}
		own, other := candGB, candBig5
		if cs.fam == famBig5 {
			own, other = candBig5, candGB
		}
		if s.sampleHigh() < minEvidence {
			return true
		}
		v := s.score(own)
		// GBK and Big5 byte ranges overlap, so either decodes the other's
		// bytes without errors; only a much better reading overrules.
		return v >= 0.3 || s.score(other) < v+0.3
	case famSingle:
		if s.utf8Evidence(cs) {
			return false
		}
		if s.sampleHigh() < minEvidence {
			return true
		}
		// Chinese servers that default to ISO-8859-1 are common.
		cjk := max(s.score(candGB), s.score(candBig5))
		return cjk < 0.5 || cjk <= s.score(cand1252)
	}
	st := s.utf8()
	return st.invalid > 0 || st.multi < 2
}

// detect picks a charset from the bytes alone.
func (s *sniffer) detect() charsetInfo {
	if s.validUTF8() || s.utf8().mostlyUTF8() {
		return utf8Charset
	}
	best, bestScore := 0, s.score(0)
	for c := 1; c < numCandidates; c++ {
		if v := s.score(c); v > bestScore {
			best, bestScore = c, v
		}
	}
	return candidates[best]
}

// metaLabel returns the charset label the markup declares, or "".
func (s *sniffer) metaLabel() string {
	if !s.metaDone {
		s.meta = prescanCharset(s.raw)
		s.metaDone = true
	}
	return s.meta
}

// metaUTF8Overrides reports whether the legacy charset cs, named by the
// HTTP header, must yield to the page's own <meta> UTF-8 declaration: the
// bytes are valid UTF-8, so the two declarations are not equally likely.
// Checking costs a <meta> scan only for pages served with a legacy label.
func (s *sniffer) metaUTF8Overrides(cs charsetInfo) bool {
	if cs.fam == famUTF8 || !s.validUTF8() {
		return false
	}
	meta, ok := lookupCharset(s.metaLabel())
	return ok && meta.fam == famUTF8
}

// minTwoByteRun is the number of two-byte sequences from which valid UTF-8
// is taken for UTF-8 over a GB or Big5 declaration: about one GB2312
// character in seven happens to form a two-byte UTF-8 sequence ("说" is
// CB B5), so a page whose eight or more all do, and nothing else, is not
// GBK.
const minTwoByteRun = 8

// utf8Evidence reports whether bytes declared as the legacy charset cs are
// in fact UTF-8 (a page re-saved as UTF-8 that still declares gb2312, a
// UTF-8 page behind a server whose default is ISO-8859-1 or GBK).
func (s *sniffer) utf8Evidence(cs charsetInfo) bool {
	st := s.utf8()
	switch {
	case st.multi == 0:
		return false
	case st.invalid > 0:
		return st.multi >= 20 && st.mostlyUTF8()
	case st.multi >= 64:
		return true
	case cs.fam == famOther:
		return st.multi >= 2
	case cs.fam == famSingle:
		// Latin and Cyrillic letters are lead bytes (C0-FF) followed by
		// letters, never by the continuation bytes 80-BF a valid sequence
		// needs: a whole page that validates is UTF-8, even for one "’".
		return true
	case st.long > 0 || st.multi >= minTwoByteRun:
		// A three-byte sequence from GB or Big5 bytes needs two characters
		// to interlock exactly; UTF-8 punctuation (’ “ —) and CJK are
		// three bytes, so a UTF-8 page served as GBK shows one at once.
		return true
	}
	// A few GBK characters can happen to form valid UTF-8 ("说说" is the
	// UTF-8 "˵˵"); compare how well the two readings read. On a tie the
	// validity of the whole page decides for UTF-8.
	s.takeSample()
	own := candGB
	if cs.fam == famBig5 {
		own = candBig5
	}
	return scoreText(s.sample) >= s.score(own)
}

// looksUTF16 reports whether raw, declared UTF-16 without a byte order
// mark, has the NUL bytes that ASCII markup gets in UTF-16; a UTF-8 page
// behind a wrong utf-16 label has none.
func looksUTF16(raw []byte) bool {
	head := raw[:min(len(raw), 1024)]
	return bytes.Count(head, []byte{0})*4 >= len(head)
}

// score returns how plausible the sample reads in candidate c, from about
// -3 (nothing but invalid bytes) to 1 (only common characters).
func (s *sniffer) score(c int) float64 {
	if !s.scored[c] {
		s.takeSample()
		if s.buf == nil {
			// 3x covers one U+FFFD (3 bytes) per undecodable input byte.
			s.buf = make([]byte, 3*len(s.sample)+16)
		}
		n, _, _ := candidates[c].enc.NewDecoder().Transform(s.buf, s.sample, true)
		s.scores[c] = scoreText(s.buf[:n])
		s.scored[c] = true
	}
	return s.scores[c]
}

// validUTF8 caches utf8.Valid, the fast check that settles most pages.
func (s *sniffer) validUTF8() bool {
	if !s.validDone {
		s.valid = utf8.Valid(s.raw)
		s.validDone = true
	}
	return s.valid
}

func (s *sniffer) utf8() utf8Stats {
	if !s.u8Done {
		if s.validUTF8() {
			s.u8 = countLeadBytes(s.raw)
		} else {
			s.u8 = countUTF8(s.raw)
		}
		s.u8Done = true
	}
	return s.u8
}

// countLeadBytes counts the sequences of valid UTF-8: every multi-byte
// sequence has exactly one lead byte >= 0xC0, and those of three or four
// bytes one >= 0xE0.
func countLeadBytes(b []byte) utf8Stats {
	var st utf8Stats
	for _, c := range b {
		if c >= 0xC0 {
			st.multi++
			if c >= 0xE0 {
				st.long++
			}
		}
	}
	return st
}

// sampleLimit bounds the bytes scored per candidate charset.
const sampleLimit = 4 << 10

// takeSample collects the text between tags that contains non-ASCII bytes,
// which is where the charset shows; markup is ASCII and would only dilute
// it. '<' and '>' are never trail bytes in GBK, Big5 or Shift_JIS, so
// cutting there keeps multi-byte characters whole.
func (s *sniffer) takeSample() {
	if s.sampled {
		return
	}
	s.sampled = true
	raw := s.raw
	var sample []byte
	high := 0
	for pos := 0; pos < len(raw) && len(sample) < sampleLimit; {
		lt := bytes.IndexByte(raw[pos:], '<')
		if lt < 0 {
			lt = len(raw) - pos
		}
		seg := raw[pos : pos+lt]
		if h := countHighBytes(seg); h > 0 {
			if sample == nil {
				sample = make([]byte, 0, sampleLimit+256)
			}
			high += h
			if room := sampleLimit + 256 - len(sample) - 1; len(seg) > room {
				seg = seg[:room]
			}
			sample = append(sample, seg...)
			sample = append(sample, '\n')
		}
		pos += lt
		gt := bytes.IndexByte(raw[pos:], '>')
		if gt < 0 {
			break
		}
		pos += gt + 1
	}
	if high < 64 {
		// Too little text: the non-ASCII bytes may sit in attributes, or
		// deep in a long English page (one "’" after 100 KB of script).
		sample, high = highRuns(raw, sampleLimit)
	}
	s.sample, s.high = sample, high
}

// highRuns collects, from all of raw, the runs of bytes >= 0x40 that hold
// non-ASCII bytes, each followed by a space, until limit bytes are taken.
// Bytes below 0x40 are never trail bytes in GBK, Big5 or Shift_JIS, so the
// runs keep characters whole, and they keep the letters around an accent.
func highRuns(raw []byte, limit int) (sample []byte, high int) {
	for i := 0; i < len(raw) && len(sample) < limit; {
		if i+8 <= len(raw) && binary.LittleEndian.Uint64(raw[i:])&0x8080808080808080 == 0 {
			i += 8
			continue
		}
		if raw[i] < utf8.RuneSelf {
			i++
			continue
		}
		start := i
		for start > 0 && raw[start-1] >= 0x40 {
			start--
		}
		end := i
		for end < len(raw) && raw[end] >= 0x40 {
			end++
		}
		run := raw[start:end]
		if room := limit + 256 - len(sample) - 1; len(run) > room {
			run = run[:room]
		}
		high += countHighBytes(run)
		sample = append(append(sample, run...), ' ')
		i = end
	}
	return sample, high
}

// minEvidence is the number of non-ASCII bytes (about 20 Chinese
// characters) below which sniffing never overrules a declared charset.
const minEvidence = 40

func (s *sniffer) sampleHigh() int {
	s.takeSample()
	return s.high
}

func countHighBytes(b []byte) int {
	n := 0
	for _, c := range b {
		n += int(c >> 7)
	}
	return n
}

// utf8Stats counts multi-byte sequences, those of three or four bytes
// among them, and invalid bytes.
type utf8Stats struct{ multi, long, invalid int }

// mostlyUTF8 reports whether damage is rare enough (at most one bad
// sequence in 20) to call the bytes UTF-8 with a few corrupt bytes.
func (st utf8Stats) mostlyUTF8() bool {
	return st.multi > 0 && st.invalid*20 <= st.multi
}

// countUTF8 scans b, skipping ASCII a word at a time. It stops early once
// the bytes are plainly not UTF-8.
func countUTF8(b []byte) utf8Stats {
	var st utf8Stats
	for i := 0; i < len(b); {
		if i+8 <= len(b) && binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 == 0 {
			i += 8
			continue
		}
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			st.invalid++
			if st.invalid >= 16 && st.invalid*4 > st.multi {
				return st
			}
		} else {
			st.multi++
			if n > 2 {
				st.long++
			}
		}
		i += n
	}
	return st
}

// scoreText rates UTF-8 text as a plausible reading of a page: the share of
// non-ASCII characters that are common Chinese characters, CJK punctuation
// or accented letters inside Latin words, minus three times the share of
// replacement characters, private-use and C1 control codes.
func scoreText(text []byte) float64 {
	good, bad, total := 0, 0, 0
	prevLetter := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			prevLetter = isASCIILetterByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(text[i:])
		i += n
		total++
		switch {
		case r == utf8.RuneError || r >= 0xE000 && r <= 0xF8FF || r >= 0x80 && r <= 0x9F:
			bad++
		case isCommonHan(r) || isCJKPunct(r):
			good++
		case isLatinLetter(r):
			if prevLetter || i < len(text) && isASCIILetterByte(text[i]) {
				good++
			}
		}
		prevLetter = false
	}
	if total == 0 {
		return 0
	}
	return float64(good-3*bad) / float64(total)
}

func isASCIILetterByte(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isLatinLetter(r rune) bool {
	return r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7
}

// isCJKPunct reports the punctuation of running Chinese text.
func isCJKPunct(r rune) bool {
	switch r {
	case 0x3000, 0x3001, 0x3002, // ideographic space 、。
		0xFF01, 0xFF08, 0xFF09, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F, // ！（），：；？
		0x201C, 0x201D, 0x2018, 0x2019, 0x2014, 0x2026, 0x00B7: // “”‘’—…·
		return true
	}
	return r >= 0x3008 && r <= 0x3011 // 〈〉《》「」『』【】
}

// isCommonHan reports whether r is among the most frequent characters of
// Chinese news text, in simplified or traditional form.
func isCommonHan(r rune) bool {
	if r < hanFirst || r > hanLast {
		return false
	}
	i := r - hanFirst
	return commonHan[i/64]&(1<<(i%64)) != 0
}

const hanFirst, hanLast = 0x4E00, 0x9FFF

// commonHan is a bit set over the CJK Unified Ideographs block; built once,
// never written.
var commonHan = func() (set [(hanLast - hanFirst + 64) / 64]uint64) {
	for _, r := range commonHanSimplified + commonHanTraditional {
		i := r - hanFirst
		set[i/64] |= 1 << (i % 64)
	}
	return set
}()

// commonHanSimplified holds about 700 characters that cover ~85% of the
// running text of Chinese news pages; commonHanTraditional the traditional
// forms of those that differ. Together they separate a right reading from
// a GBK/Big5 mix-up, which produces valid but rare characters.
const commonHanSimplified = "" +
	"的一人是国不有在了中大为新这和个时学上年家要以我信来生到会他发地行网用分对小出方们多可前自公机能理成间日也现本就动业于关" +
	"资民经市作后子得过下报务高开好都同物全友法所工说政与者力看闻长事实还其部之流体而外被心天当定没最产进道面种易回空码如通重" +
	"月主更目员利查美合二等科内手数性度明商无那场情表么三相至些应第服从及化点文位问论投万因电司平提入但你设然区只样调制此期由" +
	"城金南享去比意车起权特察加监术正建气或次运专将任已知各向里做己基题据十并东府收北客着管广教视把受名项交活复安想女跟展品港" +
	"维两打四江果量规评海很技代认系贴原条研元价感程朋老常息口取式号计线解台首京单示儿西处结华推门记营联共立扫使户变别观强身反" +
	"院总风何传今少许举路圈保校州速育图确施际让股买社界话告飞精士先放证头求世该医指究配持改花财较片邮站快集接造准供选频直非创" +
	"益尔近送件称质航注满母几龙爱给播乐岁什山孩死考英级议师费见又布每它录水洋汉备游企浪房消统战标再识争需宝治案马钱奖省走亲责" +
	"础语越失达具未影决百书完约整导军思极职参难球限增委包支真男太警构组值济热办湖转命克义货领星则类格率置必况引温载她显验容眼" +
	"往周即环款轮童局形存像态藏五官获党仅带超光模除张清斯型农算源俄步习留批密李段节购言且声险觉简免根依楼兴神登承护象离史试击" +
	"续势照排低众才例效艺严连读装健采却策版范洲兵始功富亿王古响米住望尽武讲足付半劳杀音香病深境德康歌断族吗致赞降请园课普占六" +
	"若媒白箱父列斗违域压食八沙预革红便融候卖庆初讯青优戏疗亚拉控曾千远刚访随怎河救队页充端落欢升厂铁退陈荐景旅银历份某志角养" +
	"协属呢器火愿余停助移终负破涉色居干盘班罪字律演择轻否村切差审找县坐"
const commonHanTraditional = "" +
	"國為這個時學來會發網對們機間現動業於關資經後過報務開說聞長實還體當沒產進種碼員內數無場麼應從點問論萬電設區樣調車權監術氣" +
	"運專將裡裏題據並東廣著視項復複維兩規評認係繫貼條價號計線臺颱單兒處結華門記營聯掃戶變別觀強總風傳許舉圖確際讓買話飛證頭該" +
	"醫財較郵準選頻創爾稱質滿幾龍愛給樂歲級議師費見錄漢備統戰標識爭寶馬錢獎親責礎語達決書約導軍極職參難構組濟熱辦轉義貨領則類" +
	"況溫載顯驗環輪態獲黨僅帶張農習節購聲險覺簡樓興護離試擊續勢眾藝嚴連讀裝採卻範億響盡講勞殺斷嗎贊請園課鬥違壓預紅賣慶訊優戲" +
	"療亞遠剛訪隨隊頁歡廠鐵陳薦銀歷養協屬願終負幹乾盤擇輕審縣灣"
