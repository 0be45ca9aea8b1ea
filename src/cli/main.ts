/** `decision-lens` command-line entry. */
process.stdout.write('decision-lens: not built yet\n');
