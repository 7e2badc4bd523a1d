module neotool.io/ci/agent-template

go 1.21
