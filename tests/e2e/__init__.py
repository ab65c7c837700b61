"""End to end: real processes in tmux, gelar serve with and without a browser, the torture trials."""
