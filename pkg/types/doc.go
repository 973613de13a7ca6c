// Package types holds a Go type for every shape of the AmplifyBackend service
// model: one struct per structure, one typed string per enum.
//
// The code is generated from model/amplifybackend-2020-08-11.json by
// internal/gen, and the JSON encoding (with the service's wire names) by
// easyjson, so that encoding and decoding use no reflection.
//
// # Optional members
//
// Optional scalars and structures are pointers, so that a member set to
// false, 0, "" or {} is sent while an unset (nil) one is not; lists are
// slices, where nil is unset and an empty non-nil slice is sent as [].
// Enum members are typed strings: "" is no valid value of any enum, so "" means
// unset. String, Bool, Int32, Int64 and Float64 make pointers from literals.
package types

//go:generate go run ../../internal/gen -model ../../model/amplifybackend-2020-08-11.json -root ../..
//go:generate go tool easyjson -all -output_filename types_easyjson.go types_gen.go
//go:generate go run ../../internal/tools/easyjsonimport types_easyjson.go
