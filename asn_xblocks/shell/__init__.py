"""XBlock-side behaviour shared by the three blocks (the thin shell over each pure core)."""
