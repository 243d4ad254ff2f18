"""What several stages share: the dependency-parse view of a sentence, the date reader, the
person-name matcher, places and cue-word patterns."""
