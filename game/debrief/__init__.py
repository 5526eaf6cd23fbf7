"""The debrief: replay a recorded session like a video, and write the trainer's report.

`recording` loads a session (from the server's store or a portable log file), `timeline` seeks
anywhere in it through snapshots, `analysis` derives what the debrief shows, `report` writes the
HTML report and `viewer` is the pygame replay window. Nothing here changes a recorded session
except the trainer's debrief notes.
"""
