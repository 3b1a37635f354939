"""The project's tooling, apart from the runtime package: `make bench` (``tools.bench``) and the
browser helpers it shares with the tests (``tools.browser``)."""
