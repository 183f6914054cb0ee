cmake_minimum_required(VERSION 3.25)
# Installs the report page's npm packages into DIR from the committed lock file in SRC.
# Called with -DNPM= -DSRC= -DDIR=. Fails with a clear message when the registry is out of reach.
file(MAKE_DIRECTORY ${DIR})
file(COPY ${SRC}/package.json ${SRC}/package-lock.json DESTINATION ${DIR})
file(REMOVE ${DIR}/npm-ci.stamp)
# Node trusts only its own certificate list; a machine behind a TLS-inspecting proxy has the
# proxy's certificate in the system's store. Trust that store too unless told otherwise.
set(system_ca /etc/ssl/certs/ca-certificates.crt)
if(NOT DEFINED ENV{NODE_EXTRA_CA_CERTS} AND EXISTS ${system_ca})
  set(ENV{NODE_EXTRA_CA_CERTS} ${system_ca})
endif()
execute_process(COMMAND ${NPM} ci --no-audit --no-fund WORKING_DIRECTORY ${DIR}
                RESULT_VARIABLE rc)
set(dist ${DIR}/node_modules/uplot/dist)
if(NOT rc EQUAL 0 OR NOT EXISTS ${dist}/uPlot.iife.min.js OR NOT EXISTS ${dist}/uPlot.min.css)
  message(FATAL_ERROR
    "lfpbms: `npm ci` for the report page failed (result: ${rc}).\n"
    "The build downloads the charting library uPlot from the npm registry into ${DIR}.\n"
    "Check the network connection and npm's registry/proxy settings (`npm config get registry`), "
    "then build again.")
endif()
file(TOUCH ${DIR}/npm-ci.stamp)
