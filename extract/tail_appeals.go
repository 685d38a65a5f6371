package extract

import (
	"strings"
	"unicode/utf8"
)

// Appeals to the reader that close articles in many languages: subscribe,
// support or donate, follow us, share or pin this, get the app, read also,
// and the comment widget's own lines. trimTailCalls (tail.go) takes them
// from the end of the body only; they are matched on the lower-cased line.
// "This article was originally published in…" is not here: the corpora
// count such notes as the article's text.

// appealOpeners are calls to action that open a sentence: an imperative or
// a question put to the reader. A sentence of news text does not open so
// ("Residents can sign up…", "Supporters donated…"): the phrase must open
// the sentence and end at a word's end.
var appealOpeners = []string{
	// English
	"pin it for later", "pin this", "pin me", "share this article", "share this story", "share this post",
	"support us", "support our work", "support our journalism", "donate now", "donate via", "donate to us",
	"become a member", "become a patron", "subscribe now", "subscribe today", "get the app", "download our app",
	"download the app", "would you like to receive", "get the latest news", "stay up to date",
	"enjoyed this piece", "read also:", "read more:", "related:",
	// German
	"abonnieren sie", "abonniere unseren", "jetzt abonnieren", "unterstütze uns", "unterstützen sie uns",
	"unterstützen sie unsere", "supporte uns", "jetzt spenden", "spenden sie", "folgen sie uns", "folge uns",
	"teilen sie diesen", "lesen sie auch", "lies auch", "laden sie unsere app",
	"hol dir die app", "holen sie sich die app",
	// French
	"abonnez-vous", "suivez-nous", "soutenez-nous", "soutenez notre", "faites un don",
	"partagez cet article", "lire aussi", "à lire aussi", "téléchargez notre application", "téléchargez l'application",
	// Spanish
	"suscríbete", "suscríbase", "síguenos", "apóyanos", "apoya nuestro", "haz una donación",
	"únete desde", "comparte este artículo", "lee también", "lea también", "descarga nuestra app", "descarga la app",
	"¿ya sabías que",
	// Italian
	"abbonati ora", "abbonati subito", "abbonati per", "abbonati!", "seguici", "sostienici", "sostieni il nostro", "fai una donazione",
	"condividi questo articolo", "leggi anche", "scarica l'app", "scarica la nostra app",
	// Portuguese
	"assine a nossa", "assine nossa", "siga-nos", "apoie o nosso", "apoie nosso", "faça uma doação",
	"compartilhe este", "leia também", "baixe o app", "baixe nosso app",
	// Dutch
	"abonneer je", "abonneer u", "volg ons", "steun ons", "doneer", "deel dit artikel",
	"lees ook", "download de app",
	// Polish
	"zapraszamy do subskrypcji", "zapraszamy też do subskrypcji", "subskrybuj", "obserwuj nas", "wesprzyj nas",
	"czytaj też", "czytaj także", "przeczytaj też",
}

// appealSignups open a sentence of a sign-up appeal only in a line that
// names what the reader signs up for: the same imperatives open event
// notices in news text ("Melden Sie sich für den Lauf an", "Iscriviti alla
// gara", "Stay in touch with the ward office, officials advised").
var appealSignups = []string{
	"stay in touch", "melden sie sich für", "melde dich für", "inscrivez-vous", "rejoignez-nous", "únete a nuestro",
	"únete a", "iscriviti alla", "iscriviti al", "unisciti al", "inscreva-se", "junte-se a nós", "schrijf je in voor",
	"word lid",
}

// signupObjects name what a sign-up appeal offers.
var signupObjects = []string{
	"newsletter", "nieuwsbrief", "notiziario", "boletín", "bulletin", "e-mail", "email", "inbox", "posteingang",
	"telegram", "whatsapp", "canal", "channel", "kanal", "alerts", "abonn", "subscri", "iscrizione gratuita",
}

// appealMarkers are wordings of an appeal that no sentence of an article's
// text uses, wherever they stand in the line.
var appealMarkers = []string{
	"apps for ios and android", "app for ios and android", "we need your help to keep", "we need your support to keep",
	"unsere arbeit unterstützen", "unterstütze unsere arbeit", "wir brauchen deine unterstützung",
	"wir brauchen ihre unterstützung", "soutenez notre travail", "nous avons besoin de votre soutien",
	"te necesitamos para", "cancela cuando quieras", "tenemos canal de", "sostieni il nostro lavoro",
	"abbiamo bisogno del tuo sostegno", "apoie nosso trabalho", "precisamos do seu apoio", "steun ons werk",
}

// appealWidgets are a comment widget's short lines ("No responses yet",
// "Du musst eingeloggt sein um Kommentare zu schreiben!"); a line that opens
// so and runs on is a sentence ("No comments yet from the ministry…").
var appealWidgets = []string{
	"be the first to comment", "you must be logged in to", "du musst eingeloggt sein", "sie müssen angemeldet sein",
	"soyez le premier à commenter", "vous devez être connecté", "sé el primero en comentar", "seja o primeiro a comentar",
}

// appealBareWidgets are a comment widget's lines that a report opens too
// ("Aucun commentaire de la mairie.", "Nessun commento da parte del
// Comune."): the phrase must stand alone, ended by the line or by a
// sentence mark ("No comments yet. Be the first!").
var appealBareWidgets = []string{
	"keep reading", "no responses yet", "no comments yet", "comments are closed", "rate this article", "noch keine kommentare",
	"kommentare sind geschlossen", "aucun commentaire", "les commentaires sont fermés", "los comentarios están cerrados",
	"no hay comentarios", "nessun commento", "i commenti sono chiusi", "nenhum comentário", "geen reacties",
	"reacties zijn gesloten",
}

// appealWidgetMaxRunes is the longest comment-widget line.
const appealWidgetMaxRunes = 70

var (
	appealSignupSet = newPhraseSet(appealSignups)
	appealOpenerSet = newPhraseSet(appealOpeners)
	appealMarkerSet = newPhraseSet(appealMarkers)
	appealWidgetSet = newPhraseSet(appealWidgets)
	appealBareSet   = newPhraseSet(appealBareWidgets)
)

// isAppeal reports a lower-cased line t that appeals to the reader: a
// sentence of it opens with an appealOpeners phrase, it holds an
// appealMarkers wording outside quotes, or it is a comment widget's line.
func isAppeal(t string) bool {
	if !runesOver(t, appealWidgetMaxRunes) && (opensWithPhrase(t, appealWidgetSet) || isBareWidget(t)) {
		return true
	}
	for s := t; s != ""; {
		if !insideQuotes(t[:len(t)-len(s)]) && (opensWithPhrase(s, appealOpenerSet) ||
			opensWithPhrase(s, appealSignupSet) && namesSignupObject(t)) {
			return true
		}
		s = nextSentence(s)
	}
	return appealMarkerSet.containsAny(t) && !strings.ContainsAny(t, "“”\"«»„")
}

// isBareWidget reports a lower-cased line t that is an appealBareWidgets
// phrase alone: nothing but space, a sentence mark or a count in brackets
// follows it before the line or the sentence ends.
func isBareWidget(t string) bool {
	t = strings.TrimLeftFunc(t, isLeadSymbol)
	for _, p := range appealBareSet.startingWith(firstRune(t)) {
		if rest, ok := strings.CutPrefix(t, p); ok {
			rest = strings.TrimLeft(rest, " ")
			if rest == "" || strings.ContainsRune(".!…:(", firstRune(rest)) {
				return true
			}
		}
	}
	return false
}

// opensWithPhrase reports whether s, past bullets and symbols, opens with a
// phrase of ps that ends at a word's end ("donate now", not "donate nowhere").
func opensWithPhrase(s string, ps *phraseSet) bool {
	s = strings.TrimLeftFunc(s, isLeadSymbol)
	r, _ := utf8.DecodeRuneInString(s)
	if r < 0x10000 && ps.first[r/64]&(1<<(r%64)) == 0 {
		return false
	}
	for _, p := range ps.startingWith(r) {
		if !strings.HasPrefix(s, p) {
			continue
		}
		if next, _ := utf8.DecodeRuneInString(s[len(p):]); !isWordRune(next) || !isWordRune(rune(p[len(p)-1])) {
			return true
		}
	}
	return false
}

// isLeadSymbol reports what may stand before an appeal's first word: space,
// bullets, arrows, emoji, brackets.
func isLeadSymbol(r rune) bool {
	switch {
	case r == ' ', r == '[', r == '(', r == '*', r == '-', r == '•', r == '·', r == '>', r == '»':
		return true
	case r >= 0x2190 && r <= 0x2BFF, r >= 0x1F000: // arrows, shapes, emoji
		return true
	}
	return false
}

// isWordRune reports a letter or digit, ASCII or not (a byte of a
// multi-byte letter counts too).
func isWordRune(r rune) bool {
	return isASCIILetter(r) || r >= '0' && r <= '9' || r >= 0x80 && r != utf8.RuneError
}

// nextSentence returns s past its first sentence end (". ", "! ", "? "),
// or "" when s has no other sentence. An end glued to the next word ("Pin
// it for later!Mention…") counts too.
func nextSentence(s string) string {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.', '!', '?':
			j := i + 1
			for j < len(s) && s[j] == ' ' {
				j++
			}
			if j < len(s) && (j > i+1 || s[i] != '.') {
				return s[j:]
			}
		}
	}
	return ""
}

// namesSignupObject reports a lower-cased line that names a newsletter, a
// mailing or a channel to sign up for.
func namesSignupObject(t string) bool {
	for _, o := range signupObjects {
		if strings.Contains(t, o) {
			return true
		}
	}
	return false
}
