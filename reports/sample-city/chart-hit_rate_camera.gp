# hit_rate_camera: Hit rate by camera
# Re-run in this folder with: gnuplot chart-hit_rate_camera.gp
set terminal svg size 900,693 fixed noenhanced font 'DejaVu Sans,17' background rgb 'white'
set output 'chart-hit_rate_camera.svg'
set title "Hit rate by camera\nSample City ALPR program, 2025, 2025-01-01 to 2025-12-31"
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd'
set key off
set ylabel "per cent, with 95 % intervals"
set xtics 1 format '' scale 0.5
set xrange [-0.6:19.6]
set bmargin 11
set lmargin 10
set rmargin 3
set yrange [0:2.13432]
set label 2 'bars cut at the top run higher' at screen 0.01, screen 0.97 left
set key tmargin right vertical samplen 1.5
plot 'chart-hit_rate_camera.dat' using 7:($5 + $6 > 0 ? NaN : $2):3:4 with yerrorbars pt 7 ps 0.9 lc rgb '#0072B2' title 'estimate, 95 % interval', \
     '' using 7:($6 > 0 ? $2 : NaN):3:4 with yerrorbars pt 6 ps 1 lc rgb '#0072B2' title 'few vehicles (under 30): interval may be too narrow', \
     '' using 7:(0):1 with labels rotate by 60 right offset 0,-0.7 notitle
set terminal pngcairo size 900,693 noenhanced font 'DejaVu Sans,13' background rgb 'white'
set output 'chart-hit_rate_camera.png'
replot
set output
