// Debian installs OpenBLAS's cblas.h under an alternatives-managed include folder that
// pkg-config (openblas.pc) adds to the search path.
#include <cblas.h>
