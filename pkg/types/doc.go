// Package types holds a Go type for every shape of the AmplifyBackend service
// model: one struct per structure, one typed string per enum.
//
// The code is generated from model/amplifybackend-2020-08-11.json by
// internal/gen, and the JSON encoding (with the service's wire names) by
// easyjson, so that encoding and decoding use no reflection.
//
// # Two JSON forms: documented and wire
//
// The API's documentation (and this package's field names, and the inputs
// of client.Build, the validator, the CLI and the JavaScript API) name
// members in PascalCase: {"AppId": ..., "ResourceConfig": {"AuthResources":
// ...}}. The service's wire form uses the model's names: {"appId": ...,
// "resourceConfig": {"authResources": ...}}. The json tags of the structs
// are the wire names, so json.Marshal gives the wire form and
// json.Unmarshal reads it.
//
// For the documented form use:
//
//   - UnmarshalInput(op, data, &v, opts): validate data as the input of
//     operation op (the same problems, with the same JSON-pointer paths, as
//     client.Build reports) and decode it into v, a *<Op>Request;
//   - Unmarshal(data, &v, opts): the same for any structure, outputs
//     included;
//   - MarshalUser(&v): encode a typed value in the documented form.
//
// json.Unmarshal of the documented form into a struct fails loudly rather
// than leaving every field unset: a member under its documented name where
// the wire name is expected is a *WireNameError naming both. Members of
// neither name are ignored, so that responses of a newer service version
// still decode.
//
//	var in types.CreateBackendAuthRequest
//	problems, err := types.UnmarshalInput("CreateBackendAuth", data, &in, nil)
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
//go:generate go tool easyjson -all -no_std_marshalers -output_filename types_easyjson.go types_gen.go
