// Package sitestats measures the health of a dataset site by site: how many
// records each site (host) gave and how often each field was found, so that
// an operator sees a portal whose redesign broke date or author extraction
// before an analyst does.
package sitestats
