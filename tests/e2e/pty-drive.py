# pty-drive.py PROGRAM [ARG...] -- KEY...: runs PROGRAM on a
# pseudo-terminal, types each KEY after a second of reading, and prints
# all the program wrote; exits with the program's status. In a KEY, the
# two characters \n stand for a newline, ^D for Ctrl-D and ^C for Ctrl-C.
# Used through test_pty (test-lib.sh) by t3100 and t3120.
import os, pty, sys, time, select
def run(argv, keys):
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(argv[0], argv)
    out = b""
    def read_for(sec):
        nonlocal out
        end = time.time() + sec
        while time.time() < end:
            r, _, _ = select.select([fd], [], [], 0.1)
            if r:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    return False
                if not data:
                    return False
                out += data
        return True
    read_for(1.0)
    for k in keys:
        os.write(fd, k)
        read_for(1.0)
    read_for(1.0)
    _, status = os.waitpid(pid, 0)
    return out.decode("utf-8", "replace"), os.waitstatus_to_exitcode(status)
args = sys.argv[1:]
if "--" not in args:
    sys.exit("usage: pty-drive.py PROGRAM [ARG...] -- KEY...")
cut = args.index("--")
keys = [k.encode() for k in args[cut + 1:]]
text, code = run(args[:cut], [k.replace(b"\\n", b"\n").replace(b"^D", b"\x04").replace(b"^C", b"\x03") for k in keys])
sys.stdout.write(text)
sys.exit(code)
