package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func TestIsAppeal(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		// Appeals, one or more per language.
		{"Enjoy the post? Pin it for later!", true},
		{"Tried this Recipe? Pin it for Later!Mention @someone or tag #kitchen!", true},
		{"Support Example News! Donate via cryptocurrencies or become a Patron.", true},
		{"Would you like to receive notifications about new posts?", true},
		{"For the latest stories download the Example apps for iOS and Android.", true},
		{"Enjoyed this piece? We need your help to keep publishing.", true},
		{"No responses yet", true},
		{"Unterstütze uns bereits mit 2,50 Euro!", true},
		{"Du musst eingeloggt sein um Kommentare zu schreiben!", true},
		{"Abonnez-vous à notre lettre d'information.", true},
		{"¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular.", true},
		{"Tú también puedes hacer periodismo incómodo. Cancela cuando quieras.", true},
		{"Seguici su Instagram per altre ricette.", true},
		{"Leia também: o novo plano do governo", true},
		{"Volg ons op Facebook en Instagram.", true},
		{"Zapraszamy też do subskrypcji tygodnika.", true},
		{"👉 Read more: the council's plan", true},
		{"Melden Sie sich für unseren Newsletter an.", true},
		{"Iscriviti alla nostra newsletter gratuita.", true},
		{"Schrijf je in voor de nieuwsbrief.", true},
		// Text that uses the same words.
		{"Melden Sie sich für den Stadtlauf bis Freitag an.", false},
		{"Iscriviti alla gara entro il 10 maggio, ricorda il comitato.", false},
		{"Inscreva-se até sexta-feira no site da prefeitura.", false},
		{"Schrijf je in voor de loop via het gemeentehuis.", false},
		{"Stay in touch with the ward office, officials advised residents.", false},
		{"Residents can sign up for the programme at any library branch.", false},
		{"Supporters donated more than $2 million to the campaign.", false},
		{"Donated items go to the shelter on Main Street.", false},
		{"No comments yet from the ministry, which declined to say when the review of the contract would end.", false},
		{"The group asked readers to support us in the vote, the chairman said.", false},
		{"“We need your help to keep the shelter open,” the director told reporters.", false},
		{"Die Partei will die Bürger bitten: unterstützen Sie die Reform.", false},
		{"Abbatiale de Saint-Savin, une église romane.", false},
		{"Follow the money.", false},
		// A comment widget's phrase opening a report; "abbonati" the noun.
		{"No comments yet. Be the first!", true},
		{"Keep reading", true},
		{"No comments yet from the ministry.", false},
		{"Aucun commentaire de la mairie pour l'instant.", false},
		{"Nessun commento da parte del Comune.", false},
		{"Geen reacties van de gemeente.", false},
		{"Los comentarios están llenos de insultos, según la policía.", false},
		{"Keep reading labels carefully, experts warn.", false},
		{"Abbonati e lettori hanno protestato per l'aumento.", false},
	} {
		if got := isAppeal(strings.ToLower(tt.s)); got != tt.want {
			t.Errorf("isAppeal(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestTrimTailAppealsKeepsTable checks that the cells of a table above an
// appeal stay: short lines, but data, not the appeal's label.
func TestTrimTailAppealsKeepsTable(t *testing.T) {
	td := &html.Node{Type: html.ElementNode, Data: "td", DataAtom: atom.Td}
	p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
	for _, tt := range []struct {
		name string
		node *html.Node
		keep int
	}{
		{"table cell stays", td, 2},
		{"label goes", p, 1},
	} {
		w := &blockWalker{}
		for i, s := range []string{"Most adults take the drug twice a day with food.", "Twice daily", "Get the latest news about our courses."} {
			n, cjk, punct := textStats(s)
			b := block{text: s, runes: n, cjk: cjk, punct: punct}
			if i == 1 {
				b.node = tt.node
			}
			w.blocks = append(w.blocks, b)
		}
		if got := trimTailCalls(w, []int{0, 1, 2}); len(got) != tt.keep {
			t.Errorf("%s: kept %d blocks, want %d", tt.name, len(got), tt.keep)
		}
	}
}
