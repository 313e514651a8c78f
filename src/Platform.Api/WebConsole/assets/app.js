// The console views arrive in the next commit.
