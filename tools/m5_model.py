"""M5 (Dai et al. 2017) as torchaudio's speech-command tutorial writes it, in plain PyTorch: the model
tools/m5_reference.py measures and tools/onnx_roundtrip.py exports. torch is the caller's (imported
after its arguments are parsed)."""


def build(torch, n_input, n_output, n_channel, log_softmax=True):
    """The tutorial's M5; without log_softmax (which changes no figure and has no netshape function) it
    is zoo::m5 exactly, as tools/onnx_roundtrip.py exports it."""
    nn, F = torch.nn, torch.nn.functional

    class M5(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv1d(n_input, n_channel, kernel_size=80, stride=16)
            self.bn1 = nn.BatchNorm1d(n_channel)
            self.pool1 = nn.MaxPool1d(4)
            self.conv2 = nn.Conv1d(n_channel, n_channel, kernel_size=3)
            self.bn2 = nn.BatchNorm1d(n_channel)
            self.pool2 = nn.MaxPool1d(4)
            self.conv3 = nn.Conv1d(n_channel, 2 * n_channel, kernel_size=3)
            self.bn3 = nn.BatchNorm1d(2 * n_channel)
            self.pool3 = nn.MaxPool1d(4)
            self.conv4 = nn.Conv1d(2 * n_channel, 2 * n_channel, kernel_size=3)
            self.bn4 = nn.BatchNorm1d(2 * n_channel)
            self.pool4 = nn.MaxPool1d(4)
            self.fc1 = nn.Linear(2 * n_channel, n_output)

        def forward(self, x):
            for k in range(1, 5):
                x = getattr(self, f"pool{k}")(F.relu(getattr(self, f"bn{k}")(getattr(self, f"conv{k}")(x))))
            x = F.avg_pool1d(x, int(x.shape[-1]))  # the tutorial's x.shape[-1], an int so that an export traces it
            x = self.fc1(x.permute(0, 2, 1))
            return F.log_softmax(x, dim=2) if log_softmax else x

    return M5()
