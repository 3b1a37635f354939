"""Code the tests share that the edition itself does not run."""
