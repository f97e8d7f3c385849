"""The kind registry and what reading a file needs: located YAML, problems, the project's folders."""
