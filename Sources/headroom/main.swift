import HeadroomCLI

HeadroomCommand.start()
