// Package compare runs newspipe's extractor and its peers (go-trafilatura,
// go-readability, go-domdistiller, go-htmldate, and a bare x/net/html parse
// as the speed ceiling) over the same labelled pages in one run, scores
// them with each dataset's own metric (see package evaluate) and measures
// speed with one core and with all cores.
//
// Every tool is given the page's raw bytes: newspipe and the peers each
// decode them their own way (the peers through go-shiori/dom's charset
// detection), so decoding is part of both quality and speed.
package compare
