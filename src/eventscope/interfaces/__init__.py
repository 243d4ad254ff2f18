"""The interfaces over the library: the command line, the HTTP API with its web pages, and the
exports. They only call the library."""
