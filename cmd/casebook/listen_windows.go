package main

import (
	"errors"
	"syscall"
)

// wsaeAddrInUse is Windows' own error for a port that is taken, which is
// not the syscall.EADDRINUSE Go makes up for Windows.
const wsaeAddrInUse = syscall.Errno(10048)

// addrInUse reports whether a listen failed because the port is taken.
func addrInUse(err error) bool {
	return errors.Is(err, wsaeAddrInUse) || errors.Is(err, syscall.EADDRINUSE)
}
