"""The app's windows, one package each: the main window (``main``) with the mid-term review
(``review``) and decision support (``decision``) hooked into its menus, and the scenario
comparison (``compare``), opened from the review menu."""
