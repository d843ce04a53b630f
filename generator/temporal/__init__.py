"""Find temporal expressions in text and resolve them to TimeML TIMEX3 values."""
