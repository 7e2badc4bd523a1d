// Record a SHA-256 of every file of the project before the goal runs.
import java.security.MessageDigest
def sums = new StringBuilder()
basedir.eachFileRecurse(groovy.io.FileType.FILES) { f ->
    def rel = basedir.toPath().relativize(f.toPath()).toString()
    if (!rel.startsWith('build.log') && !rel.startsWith('hashes-')) {
        sums << rel << ' ' << MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() << '\n'
    }
}
new File(basedir, 'hashes-before.txt').text = sums.toString().readLines().sort().join('\n')
return true
