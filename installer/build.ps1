# Builds the Windows installer from a clean checkout:
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1
#
# Needs: Python 3.11 (x64), uv on PATH (`py -m pip install uv`), Inno Setup 6.7.1 or later.
# Steps: uv sync (locked) -> pyinstaller build.spec -> bundle self-test -> [sign the
# programs] -> iscc -> [sign the installer] -> SHA-256 of the installer.
#
# Signing is optional, and happens only when one of these names a certificate:
#   AUTHEN_DESK_SIGN_THUMBPRINT   SHA-1 thumbprint of a certificate in the Windows store
#                                 (hardware tokens / EV certificates live there)
#   AUTHEN_DESK_SIGN_PFX          path to a .pfx file, with AUTHEN_DESK_SIGN_PASSWORD
#   AUTHEN_DESK_SIGN_TIMESTAMP    RFC 3161 timestamp server URL (recommended: signatures
#                                 then stay valid after the certificate expires)
# Other settings: ISCC (path to ISCC.exe), SIGNTOOL (path to signtool.exe).

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    Write-Host ">> $Exe $($Arguments -join ' ')"
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe failed with exit code $LASTEXITCODE" }
}

function Find-Tool([string]$EnvName, [string]$Name, [string[]]$Candidates) {
    $fromEnv = [Environment]::GetEnvironmentVariable($EnvName)
    if ($fromEnv) { return $fromEnv }
    $onPath = Get-Command $Name -ErrorAction SilentlyContinue
    if ($onPath) { return $onPath.Source }
    foreach ($candidate in $Candidates) {
        $found = Get-ChildItem -Path $candidate -ErrorAction SilentlyContinue | Select-Object -Last 1
        if ($found) { return $found.FullName }
    }
    throw "$Name not found: install it or set $EnvName"
}

function Invoke-Sign([string[]]$Files) {
    $thumbprint = $env:AUTHEN_DESK_SIGN_THUMBPRINT
    $pfx = $env:AUTHEN_DESK_SIGN_PFX
    if (-not $thumbprint -and -not $pfx) {
        Write-Host "not signing: no AUTHEN_DESK_SIGN_THUMBPRINT or AUTHEN_DESK_SIGN_PFX"
        return
    }
    $signtool = Find-Tool 'SIGNTOOL' 'signtool.exe' @(
        "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe")
    $arguments = @('sign', '/fd', 'SHA256', '/d', 'Authen Desk')
    if ($thumbprint) { $arguments += @('/sha1', $thumbprint) }
    else { $arguments += @('/f', $pfx, '/p', $env:AUTHEN_DESK_SIGN_PASSWORD) }
    if ($env:AUTHEN_DESK_SIGN_TIMESTAMP) {
        $arguments += @('/tr', $env:AUTHEN_DESK_SIGN_TIMESTAMP, '/td', 'SHA256')
    } else {
        Write-Warning "no AUTHEN_DESK_SIGN_TIMESTAMP: the signature ends with the certificate"
    }
    # Not through Invoke-Checked: the arguments may hold the .pfx password.
    & $signtool @arguments @Files
    if ($LASTEXITCODE -ne 0) { throw "signtool failed with exit code $LASTEXITCODE" }
    Invoke-Checked $signtool (@('verify', '/pa') + $Files)
}

# 1. The locked environment (dev group included: it holds pyinstaller).
Invoke-Checked 'uv' @('sync', '--locked')

# 2. The version: pyproject.toml is the only place it is written.
$Version = (& uv run --locked python -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])").Trim()
if ($LASTEXITCODE -ne 0 -or -not $Version) { throw "could not read the version from pyproject.toml" }
Write-Host "Authen Desk $Version"

# 3. The one-folder bundle: dist\authen-desk\ (authen-desk.exe + authen-desk-debug.exe).
Invoke-Checked 'uv' @('run', '--locked', 'pyinstaller', '--noconfirm', '--clean', 'build.spec')
$Bundle = Join-Path $Root 'dist\authen-desk'

# 4. The bundle checks itself before it is packed (WARNING lines do not fail it).
Invoke-Checked (Join-Path $Bundle 'authen-desk-debug.exe') @('--self-test')

# 5. Sign the programs inside the installer, then build it.
Invoke-Sign @((Join-Path $Bundle 'authen-desk.exe'), (Join-Path $Bundle 'authen-desk-debug.exe'))
$Iscc = Find-Tool 'ISCC' 'ISCC.exe' @(
    "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
    "${env:ProgramFiles(x86)}\Inno Setup 7\ISCC.exe", "$env:ProgramFiles\Inno Setup 7\ISCC.exe")
Invoke-Checked $Iscc @("/DAppVersion=$Version", 'installer\authen-desk.iss')
$Setup = Join-Path $Root "dist\installer\authen-desk-setup-$Version.exe"
Invoke-Sign @($Setup)

# 6. The checksum clinic IT compares before running the installer (README).
$Hash = (Get-FileHash -Algorithm SHA256 -Path $Setup).Hash.ToLowerInvariant()
"$Hash  $(Split-Path -Leaf $Setup)" | Set-Content -Encoding ascii -Path "$Setup.sha256"
Write-Host "installer: $Setup"
Write-Host "SHA-256:   $Hash"
