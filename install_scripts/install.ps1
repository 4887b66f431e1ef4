<#
.SYNOPSIS
Install the framework builds `hwprobe advise` recommends for this machine, after asking.

.DESCRIPTION
Reads an `hwprobe advise --json` document (reports/advice.schema.json), from a file or by running
hwprobe, shows its commands and notes, and runs the commands after confirmation. The commands are
written for PowerShell by hwprobe (platform.shell = "powershell"). Lines that start with
"python " run with -Python, so the packages land in that interpreter's environment.
Exit codes: 0 done (or nothing to do), 1 a command failed or you said no, 2 bad usage or advice.

.EXAMPLE
install_scripts\install.ps1 -DryRun
install_scripts\install.ps1 -AdviceFile advice.json -Yes
install_scripts\install.ps1 -Framework torch -AdviseArgs '--accelerator','cuda','--driver','560.94'
#>
param(
    [switch]$DryRun,
    [switch]$Yes,
    [string]$AdviceFile = "",
    [string]$Framework = "",
    [string[]]$AdviseArgs = @(),
    [string]$Hwprobe = "hwprobe",
    [string]$Python = "python"
)

$ErrorActionPreference = "Stop"

function Fail([string]$Message) {
    [Console]::Error.WriteLine("install.ps1: $Message")
    exit 2
}

if ($AdviceFile -ne "") {
    if (-not (Test-Path -LiteralPath $AdviceFile)) { Fail "cannot read $AdviceFile" }
    $json = Get-Content -LiteralPath $AdviceFile -Raw
} else {
    $flags = @("advise", "--json") + $AdviseArgs
    if ($Framework -ne "") { $flags += @("--framework", $Framework) }
    $json = (& $Hwprobe @flags) -join "`n"
    if ($LASTEXITCODE -ne 0) { Fail "hwprobe advise failed" }
}

try {
    $doc = $json | ConvertFrom-Json
} catch {
    Fail "not an hwprobe advice document: $($_.Exception.Message)"
}
if ($doc.schema_version -ne "1" -or $null -eq $doc.platform -or $null -eq $doc.advice) {
    Fail "not an hwprobe advice document (schema_version 1 with platform and advice expected)"
}
if ($doc.platform.shell -ne "powershell") {
    Fail "this advice is written for $($doc.platform.shell); outside Windows use install_scripts/install.sh"
}

$commands = @()
foreach ($a in $doc.advice) {
    $release = if ($a.release) { ", release $($a.release)" } else { "" }
    Write-Output "== $($a.framework) ($($a.accelerator)$release)"
    foreach ($c in $a.commands) { Write-Output "   $c"; $commands += $c }
    foreach ($n in $a.notes) { Write-Output "   - $n" }
}

if ($commands.Count -eq 0) {
    Write-Output "Nothing to install: no command fits this machine (see the notes above)."
    exit 0
}
if ($DryRun) {
    Write-Output "Dry run: would run $($commands.Count) command(s) with Python=$Python"
    exit 0
}
if (-not $Yes) {
    $answer = Read-Host "Run these $($commands.Count) command(s) with $Python? [y/N]"
    if ($answer -notmatch '^(y|yes)$') { Write-Output "Nothing run."; exit 1 }
}

foreach ($line in $commands) {
    Write-Output "+ $line"
    if ($line.StartsWith("python ")) {
        $line = "& `"$Python`" " + $line.Substring(7)
    }
    Invoke-Expression $line
    if ($LASTEXITCODE -ne 0) {
        [Console]::Error.WriteLine("install.ps1: failed: $line")
        exit 1
    }
}
Write-Output "Done. Check with: hwprobe doctor"
