"""What several stages share: the dependency-parse view of a sentence and the date reader."""
