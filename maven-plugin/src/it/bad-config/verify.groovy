// BUILD FAILURE with the located message, no stack trace, and the output folder exactly as it was.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains("config/production.yaml:9:3: cluster.storageClas: unknown key 'storageClas' (hint: did you mean 'storageClass'?)")
assert log.contains('nothing was written')
assert !(log =~ /(?m)^\s+at [a-z]+\./) : 'a user mistake must not print a stack trace'
import java.security.MessageDigest
def sums = new StringBuilder()
basedir.eachFileRecurse(groovy.io.FileType.FILES) { f ->
    def rel = basedir.toPath().relativize(f.toPath()).toString()
    if (!rel.startsWith('build.log') && !rel.startsWith('hashes-')) {
        sums << rel << ' ' << MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() << '\n'
    }
}
assert sums.toString().readLines().sort().join('\n') == new File(basedir, 'hashes-before.txt').text : 'the project changed'
def out = new File(basedir, 'apps')
def files = []
out.eachFileRecurse(groovy.io.FileType.FILES) { files << it.name }
assert files.sort() == ['kustomization.yaml', 'notes.txt']
assert new File(basedir, 'apps/production/kustomization.yaml').text.contains('resources: []')
assert !new File(basedir, 'clusters').exists()
assert !new File(basedir, 'infrastructure').exists()
return true
