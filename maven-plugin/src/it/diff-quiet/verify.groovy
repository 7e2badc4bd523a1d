// Both runs printed the plan with -q; the first wrote markdown under target/; the second failed on danger.
def log = new File(basedir, 'build.log').text
assert log.count('neotool diff against the working tree') == 2
assert log =~ /staging-eu: \d+ to add, 0 to change, 0 to destroy/
assert log.contains('DANGER (')
assert log.contains('[security loosened]')
assert !log.contains('[INFO] neotool diff')
def markdown = new File(basedir, 'target/neotool-diff.md')
assert markdown.isFile()
assert markdown.text.startsWith('### neotool diff against `the working tree`')
assert log.contains('markdown report written to')
assert log.contains('the change holds') && log.contains('danger(s)')
assert !new File(basedir, 'out').exists() : 'diff writes nothing into the output folders'
return true
