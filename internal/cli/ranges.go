package cli

import "github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"

// rangeOf is the place of p in the text, or nil.
//
// TODO(editor): copy p.Range once the validator gives problems one (wt/reader).
func rangeOf(p validate.Problem) *textRange { return nil }

// checkText validates one input and splits what the validator found into
// errors and warnings. The error is a *validate.NameError.
func (t target) checkText(data []byte) (errs, warns []validate.Problem, err error) {
	errs, err = t.check(data)
	return errs, nil, err
}
