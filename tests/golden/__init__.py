"""The golden-output fixture: a tiny site (site-src/) and the output it must build to (expected/)."""
