package cli

import "github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"

// rangeOf is the place of p in the text, or nil for a problem without one.
func rangeOf(p validate.Problem) *textRange {
	if p.Range.Start.Line == 0 {
		return nil
	}
	return &textRange{
		Start: position{p.Range.Start.Line, p.Range.Start.Column, p.Range.Start.Offset},
		End:   position{p.Range.End.Line, p.Range.End.Column, p.Range.End.Offset},
	}
}

// checkText validates one input, with the warnings (deprecated members) the
// validator finds beside the errors. The error is a *validate.NameError.
func (t target) checkText(data []byte) (errs, warns []validate.Problem, err error) {
	opts := &validate.Options{Warnings: &warns}
	if t.operation != "" {
		errs, err = validate.Input(t.operation, data, opts)
	} else {
		errs, err = validate.Shape(t.shape, data, opts)
	}
	return errs, warns, err
}
