package schema

// LookupException returns the exception shape named name.
func LookupException(name string) (ShapeID, bool) {
	for _, id := range Exceptions {
		if Shapes[id].Name == name {
			return id, true
		}
	}
	return 0, false
}

// ExceptionForStatus returns the exception the model gives the HTTP
// status (its httpStatusCode trait): the error a response that names no
// error type stands for.
func ExceptionForStatus(status int) (ShapeID, bool) {
	id, ok := exceptionByStatus[status]
	return id, ok
}
